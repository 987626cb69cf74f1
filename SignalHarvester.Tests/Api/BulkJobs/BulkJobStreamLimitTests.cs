using System.Net;
using SignalHarvester.Tests.Api.Signals;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;
using static SignalHarvester.Tests.Api.BulkJobs.BulkJobRequests;

namespace SignalHarvester.Tests.Api.BulkJobs;

/// <summary>
/// An open progress stream polls the database for its whole life, so one client holds only a few at once,
/// counted across both api replicas; closing one frees its slot.
/// </summary>
[Collection(ApiOnlyCollection.Name)]
public sealed class BulkJobStreamLimitTests(ApiOnlyStackFixture stack)
{
    [Fact]
    public async Task A_client_holds_only_its_quota_of_open_streams_and_a_closed_one_frees_its_slot()
    {
        const int count = 200; // 40 batches, held after the first: the job runs while the streams stay open
        await using var db = await stack.OpenDatabaseAsync();
        var ids = await TestSignalRows.InsertAsync(stack.App, db, TestSignalRows.NewSource("bulk-streams"), count);
        using var client = stack.CreateApiClient();
        using var hold = stack.HoldJobs();
        var (location, _) = await StartAsync(client, "/api/v1/signals/bulk/status", new { ids, status = "archived" });
        using var timeout = new CancellationTokenSource(JobTimeout);
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < ApiOnlyStackFixture.OpenStreamsPerClient; i++)
            {
                open.Add(await OpenEventsAsync(client, location, null, timeout.Token, Key));
                Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            }

            using (var refused = await OpenEventsAsync(client, location, null, timeout.Token, Key))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                Assert.Equal("Too many open streams", (await ProblemAsync(refused)).GetProperty("title").GetString());
                Assert.NotNull(refused.Headers.RetryAfter);
            }

            // Another client (anonymous, by address) is not affected.
            using (var other = await OpenEventsAsync(client, location, null, timeout.Token))
            {
                Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            }

            open[0].Dispose();
            open.RemoveAt(0);
            var reopened = await Eventually.ReturnsAsync(
                () => OpenEventsAsync(client, location, null, timeout.Token, Key),
                response =>
                {
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return true;
                    }

                    response.Dispose();
                    return false;
                },
                TimeSpan.FromSeconds(20),
                "a stream slot freed by closing a stream");
            open.Add(reopened);
        }
        finally
        {
            open.ForEach(response => response.Dispose());
            using var cancel = await client.SendAsync(Request(HttpMethod.Post, location + "/cancel", Key));
        }
    }
}
