using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using SignalHarvester.Tests.Api.Signals;
using static SignalHarvester.Tests.Api.ApiTestHelpers;
using static SignalHarvester.Tests.Api.BulkJobs.BulkJobRequests;

namespace SignalHarvester.Tests.Api.BulkJobs;

/// <summary>
/// The progress stream resumed with <c>Last-Event-ID</c>: a progress event's id is the processed count, the
/// terminal event's is total + 1, and a reconnecting client gets only events after the id it names.
/// </summary>
[Collection(ApiOnlyCollection.Name)]
public sealed class BulkJobEventResumeTests(ApiOnlyStackFixture stack)
{
    [Fact]
    public async Task A_client_reconnecting_with_Last_Event_ID_gets_only_newer_events_then_the_end_and_after_the_end_204()
    {
        const int count = 100; // 20 batches, held after the first while the first connection is open: it sees the job mid-way
        await using var db = await stack.OpenDatabaseAsync();
        var ids = await TestSignalRows.InsertAsync(stack.App, db, TestSignalRows.NewSource("bulk-resume"), count);
        using var client = stack.CreateApiClient();
        using var hold = stack.HoldJobs();
        var (location, _) = await StartAsync(client, "/api/v1/signals/bulk/status", new { ids, status = "archived" });
        using var timeout = new CancellationTokenSource(JobTimeout);

        // First connection: read up to the first event of a job under way, then drop it as a broken network would.
        long lastSeen;
        using (var first = await OpenEventsAsync(client, location, null, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            await using var stream = await first.Content.ReadAsStreamAsync(timeout.Token);
            SseItem<string>? midway = null;
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
            {
                if (item.EventType == "progress" && EventId(item) > 0)
                {
                    midway = item;
                    break;
                }
            }

            Assert.NotNull(midway); // the job was still running: a progress event never carries the final count
            lastSeen = EventId(midway.Value);
            Assert.Equal(Parse(midway.Value.Data).GetProperty("processed").GetInt32(), lastSeen);
        }

        hold.Dispose();

        using var resumed = await OpenEventsAsync(client, location, lastSeen.ToString(CultureInfo.InvariantCulture), timeout.Token);
        var events = await ReadEventsAsync(resumed, timeout.Token);
        Assert.All(events, e => Assert.True(e.Id > lastSeen, $"event {e.Id} repeated after Last-Event-ID {lastSeen}"));
        var eventIds = events.Select(e => e.Id).ToList();
        Assert.Equal(eventIds.Order().Distinct(), eventIds);
        Assert.All(events.SkipLast(1), e => Assert.Equal(("progress", e.Job.GetProperty("processed").GetInt32()), (e.Type, (int)e.Id)));
        Assert.Equal("completed", events[^1].Type);
        Assert.Equal(count + 1, events[^1].Id);
        Assert.Equal((count, count, count, 0), Counts(events[^1].Job));

        // Reconnecting with an id from before the end, after the end: just the terminal event.
        using var late = await OpenEventsAsync(client, location, lastSeen.ToString(CultureInfo.InvariantCulture), timeout.Token);
        var terminalOnly = Assert.Single(await ReadEventsAsync(late, timeout.Token));
        Assert.Equal(("completed", (long)count + 1), (terminalOnly.Type, terminalOnly.Id));

        // Reconnecting after the terminal event: 204, which tells an EventSource to stop reconnecting.
        using var done = await OpenEventsAsync(client, location, (count + 1).ToString(CultureInfo.InvariantCulture), timeout.Token);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        AssertRateLimitHeaders(done);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_Last_Event_ID_header_and_the_204()
    {
        using var client = stack.CreateApiClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await JsonAsync(response)).GetProperty("paths").GetProperty("/api/v1/signals/bulk-jobs/{jobId}/events").GetProperty("get");
        Assert.Contains(events.GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "Last-Event-ID" && p.GetProperty("in").GetString() == "header");
        foreach (var status in new[] { "200", "204", "400", "404" })
        {
            Assert.True(events.GetProperty("responses").TryGetProperty(status, out _), $"the event stream does not document {status}");
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData("3")] // a job of 1 id has event ids 0 (progress) to 2 (its end)
    [InlineData("99999999999999999999")]
    public async Task An_invalid_Last_Event_ID_is_400_naming_the_header(string lastEventId)
    {
        using var client = stack.CreateApiClient();
        var (location, _) = await StartAsync(client, "/api/v1/signals/bulk/delete", new { ids = new[] { TestSignalRows.NewId() } });
        using var timeout = new CancellationTokenSource(JobTimeout);
        using var response = await OpenEventsAsync(client, location, lastEventId, timeout.Token);
        await AssertNamesFieldAsync(response, "Last-Event-ID");
    }
}
