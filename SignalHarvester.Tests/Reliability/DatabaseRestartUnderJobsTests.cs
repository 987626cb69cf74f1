using System.Diagnostics;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Npgsql;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Tests.Api.Signals;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Discovery;
using Xunit.Abstractions;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// R3b: PostgreSQL restarted while the API's bulk job and the worker's discovery run are in progress. Both finish once
/// it is back, with correct counts: every signal of the bulk job changed once, every artifact the run fetched stored and
/// scored (a further clean run finds nothing missing).
/// </summary>
[Collection(FaultRecoveryCollection.Name)]
public sealed class DatabaseRestartUnderJobsTests(DatabaseOutageStackFixture stack, ITestOutputHelper output)
{
    private const int Signals = 150; // 30 batches of 5, held after one until PostgreSQL is back
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_bulk_job_and_a_discovery_run_in_progress_finish_with_correct_counts_after_a_restart()
    {
        string[] ids;
        await using (var db = await stack.OpenDatabaseAsync())
        {
            ids = await TestSignalRows.InsertAsync(stack.App, db, TestSignalRows.NewSource("restart-bulk"), Signals);
        }

        using var client = stack.CreateApiClient();
        using var hold = stack.HoldJobs(); // released once PostgreSQL is back; disposing it again at the end is harmless
        var discovery = stack.Jobs.Enqueue<IDiscoveryPipelineJob>(j => j.RunAsync(CancellationToken.None));
        var location = await StartBulkArchiveAsync(client, ids);
        var started = await Eventually.ReturnsAsync(
            async () => (Bulk: (await BulkJobAsync(client, location)).GetProperty("processed").GetInt32(), Discovery: stack.Jobs.History(discovery).LastOrDefault()),
            s => s.Bulk > 0 && s.Discovery == "Processing",
            Timeout,
            "the bulk job and the discovery run both in progress");
        Assert.InRange(started.Bulk, 1, Signals - 1);

        var clock = Stopwatch.StartNew();
        await PostgresOutage.StopAsync(stack);
        await PostgresOutage.StartAsync(stack);
        output.WriteLine($"PostgreSQL down and back in {clock.Elapsed.TotalSeconds:F1} s");
        hold.Dispose();

        var bulk = await Eventually.ReturnsAsync(
            () => BulkJobAsync(client, location),
            j => j.GetProperty("state").GetString() is "completed" or "failed" or "cancelled",
            Timeout,
            "the bulk job ending");
        output.WriteLine($"bulk job {bulk.GetProperty("state").GetString()} {clock.Elapsed.TotalSeconds:F1} s after the restart began");
        var discoveryState = await stack.Jobs.WaitForFinalStateAsync(discovery, Timeout);
        output.WriteLine($"discovery {string.Join(" → ", stack.Jobs.History(discovery))}, {clock.Elapsed.TotalSeconds:F1} s after the restart began");

        Assert.Equal("completed", bulk.GetProperty("state").GetString());
        // Nothing skipped, nothing changed twice (a second change of an id counts as failed).
        Assert.Equal((Signals, Signals, Signals, 0), (bulk.GetProperty("total").GetInt32(), bulk.GetProperty("processed").GetInt32(),
            bulk.GetProperty("succeeded").GetInt32(), bulk.GetProperty("failed").GetInt32()));
        await using var check = await stack.OpenDatabaseAsync();
        Assert.Equal((Signals, Signals), await TestSignalRows.CountAsync(check, ids, "archived"));

        Assert.Equal("Succeeded", discoveryState);
        var afterInterrupted = await DiscoveryCountsAsync(check);
        output.WriteLine($"after the interrupted run: {afterInterrupted}");
        Assert.True(afterInterrupted.Artifacts > 0);
        Assert.Equal((afterInterrupted.Artifacts, afterInterrupted.Artifacts), (afterInterrupted.Scored, afterInterrupted.Classified));
        Assert.Equal("Succeeded", await stack.Jobs.RunDiscoveryAsync());
        Assert.Equal(afterInterrupted, await DiscoveryCountsAsync(check));
    }

    private static async Task<string> StartBulkArchiveAsync(HttpClient client, string[] ids)
    {
        var request = Request(HttpMethod.Post, "/api/v1/signals/bulk/status", DatabaseOutageStackFixture.ApiKey);
        request.Content = JsonContent.Create(new { ids, status = "archived" });
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    // Right after the restart a request may still meet a pooled connection the restart ended: a 503 to retry, as clients do.
    private static async Task<JsonElement> BulkJobAsync(HttpClient client, string location)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, location, DatabaseOutageStackFixture.ApiKey));
        return response.StatusCode == HttpStatusCode.OK
            ? await JsonAsync(response)
            : JsonDocument.Parse("""{"state":"unknown","processed":0}""").RootElement.Clone();
    }

    private static async Task<(long Artifacts, long Scored, long Classified)> DiscoveryCountsAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand(
            "select (select count(*) from artifacts), (select count(distinct artifact_id) from scores), (select count(distinct artifact_id) from artifact_classifications)", db);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
