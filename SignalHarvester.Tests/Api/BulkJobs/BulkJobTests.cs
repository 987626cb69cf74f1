using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Api.Signals;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;
using static SignalHarvester.Tests.Api.BulkJobs.BulkJobRequests;

namespace SignalHarvester.Tests.Api.BulkJobs;

/// <summary>Durable bulk jobs through the running stack: each test bulk-changes only the signals it inserted.</summary>
[Collection(ApiOnlyCollection.Name)]
public sealed class BulkJobTests(ApiOnlyStackFixture stack)
{
    [Theory]
    [InlineData("/api/v1/signals/bulk/status", """{"ids":["1"]}""", "status")]
    [InlineData("/api/v1/signals/bulk/status", """{"ids":["1"],"status":"active"}""", "status")]
    [InlineData("/api/v1/signals/bulk/status", """{"status":"archived"}""", "ids")]
    [InlineData("/api/v1/signals/bulk/status", """{"ids":["1"],"filter":{"source":"x"},"status":"archived"}""", "ids")]
    [InlineData("/api/v1/signals/bulk/status", """{"ids":[],"status":"archived"}""", "ids")]
    [InlineData("/api/v1/signals/bulk/delete", """{"ids":["123456789012345678901234567890123"]}""", "ids")]
    [InlineData("/api/v1/signals/bulk/delete", """{"filter":{}}""", "filter")]
    [InlineData("/api/v1/signals/bulk/delete", """{"filter":{"status":"gone"}}""", "filter.status")]
    public async Task A_bad_request_is_400_naming_the_field(string path, string json, string field)
    {
        using var client = stack.CreateApiClient();
        using var response = await PostAsync(client, path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await AssertNamesFieldAsync(response, field);
    }

    [Fact]
    public async Task More_ids_than_the_limit_is_400()
    {
        using var client = stack.CreateApiClient();
        var ids = Enumerable.Range(0, 10_001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await PostAsync(client, "/api/v1/signals/bulk/delete", JsonContent.Create(new { ids }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("ids", out _));
    }

    [Theory]
    [InlineData("/api/v1/signals/bulk/status")]
    [InlineData("/api/v1/signals/bulk/delete")]
    [InlineData("/api/v1/signals/bulk-jobs/1/cancel")]
    public async Task Starting_or_cancelling_without_a_key_is_401(string path)
    {
        using var client = stack.CreateApiClient();
        var request = Request(HttpMethod.Post, path);
        request.Content = JsonContent.Create(new { ids = new[] { "1" }, status = "archived" });
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ProblemAsync(response);
    }

    [Theory]
    [InlineData("GET", "/api/v1/signals/bulk-jobs/987654321")]
    [InlineData("GET", "/api/v1/signals/bulk-jobs/987654321/events")]
    [InlineData("POST", "/api/v1/signals/bulk-jobs/987654321/cancel")]
    public async Task An_unknown_job_is_404(string method, string path)
    {
        using var client = stack.CreateApiClient();
        using var response = await client.SendAsync(Request(new HttpMethod(method), path, Key));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task A_bulk_status_change_completes_with_correct_counts_and_the_database_list_and_stats_reflect_it()
    {
        var source = TestSignalRows.NewSource("bulk-status");
        await using var db = await stack.OpenDatabaseAsync();
        var ids = await TestSignalRows.InsertAsync(stack.App, db, source, 12);
        using var client = stack.CreateApiClient();
        var dismissedBefore = await DismissedCountAsync(client);

        // Two ids that do not exist: counted as failed, not as succeeded.
        string[] missing = [TestSignalRows.NewId(), TestSignalRows.NewId()];
        var (location, accepted) = await StartAsync(client, "/api/v1/signals/bulk/status", new { ids = ids.Concat(missing), status = "dismissed" });
        Assert.Equal("status", accepted.GetProperty("kind").GetString());
        Assert.Equal("dismissed", accepted.GetProperty("status").GetString());
        Assert.Equal(14, accepted.GetProperty("total").GetInt32());

        var job = await WaitForAsync(client, location, j => j.GetProperty("state").GetString() == "completed");
        Assert.Equal((14, 14, 12, 2), Counts(job));
        Assert.Equal(JsonValueKind.String, job.GetProperty("startedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, job.GetProperty("completedAt").ValueKind);

        Assert.Equal((12, 12), await TestSignalRows.CountAsync(db, ids, "dismissed"));
        using var listed = await client.GetAsync($"/api/v1/signals?status=dismissed&source={source}&pageSize=200");
        Assert.Equal(12, (await JsonAsync(listed)).GetProperty("total").GetInt32());
        Assert.Equal(dismissedBefore + 12, await DismissedCountAsync(client));
    }

    [Fact]
    public async Task A_bulk_delete_by_filter_removes_exactly_the_matching_signals()
    {
        var source = TestSignalRows.NewSource("bulk-delete");
        await using var db = await stack.OpenDatabaseAsync();
        var ids = await TestSignalRows.InsertAsync(stack.App, db, source, 11);
        var bystanders = await TestSignalRows.InsertAsync(stack.App, db, TestSignalRows.NewSource("bystander"), 3);
        using var client = stack.CreateApiClient();

        var (location, accepted) = await StartAsync(client, "/api/v1/signals/bulk/delete", new { filter = new { source } });
        Assert.Equal("delete", accepted.GetProperty("kind").GetString());
        var job = await WaitForAsync(client, location, j => j.GetProperty("state").GetString() == "completed");
        Assert.Equal((11, 11, 11, 0), Counts(job));

        Assert.Equal(0, (await TestSignalRows.CountAsync(db, ids, null)).Existing);
        Assert.Equal(3, (await TestSignalRows.CountAsync(db, bystanders, null)).Existing);
    }

    [Fact]
    public async Task The_event_stream_reports_progress_and_ends_with_the_terminal_event()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var ids = await TestSignalRows.InsertAsync(stack.App, db, TestSignalRows.NewSource("bulk-events"), 20);
        using var client = stack.CreateApiClient();
        using var hold = stack.HoldJobs(); // disposing it again at the end is harmless
        var (location, _) = await StartAsync(client, "/api/v1/signals/bulk/status", new { ids, status = "archived" });

        using var timeout = new CancellationTokenSource(JobTimeout);
        using var response = await OpenEventsAsync(client, location, null, timeout.Token);
        // The job is held after its first batch until the stream has shown it mid-way.
        var events = await ReadEventsAsync(response, timeout.Token, e =>
        {
            if (e.Type == "progress" && e.Id is > 0 and < 20)
            {
                hold.Dispose();
            }
        });

        // The stream ended by itself, after exactly one terminal event, whose id is total + 1.
        Assert.Equal("completed", events[^1].Type);
        Assert.Equal((20, 20, 20, 0), Counts(events[^1].Job));
        Assert.Equal(21, events[^1].Id);
        var progress = events.SkipLast(1).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, e => Assert.Equal("progress", e.Type));
        Assert.All(progress, e => Assert.Equal(e.Job.GetProperty("processed").GetInt32(), e.Id)); // a progress event's id is its processed count
        var eventIds = events.Select(e => e.Id).ToList();
        Assert.Equal(eventIds.Order().Distinct(), eventIds); // strictly growing
        Assert.Contains(progress, e => e.Id is > 0 and < 20); // 4 batches of 5: progress in between is visible
    }

    [Fact]
    public async Task Cancel_stops_a_running_job_mid_way_and_cancelling_again_is_409()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var ids = await TestSignalRows.InsertAsync(stack.App, db, TestSignalRows.NewSource("bulk-cancel"), 100);
        using var client = stack.CreateApiClient();
        using var hold = stack.HoldJobs(); // the job stops after its first batch until the end of the test
        var (location, _) = await StartAsync(client, "/api/v1/signals/bulk/status", new { ids, status = "archived" });
        await WaitForAsync(client, location, j => j.GetProperty("processed").GetInt32() > 0);

        using var cancel = await client.SendAsync(Request(HttpMethod.Post, location + "/cancel", Key));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await JsonAsync(cancel);
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        var processed = cancelled.GetProperty("processed").GetInt32();
        Assert.InRange(processed, ApiOnlyStackFixture.BatchSize, 100 - 1);
        Assert.Equal(ApiOnlyStackFixture.BatchSize, processed); // held after its first batch, so cancelled right there
        // Batches and the cancel serialise on the job's row: what was changed is exactly what was counted.
        Assert.Equal((100, processed), await TestSignalRows.CountAsync(db, ids, "archived"));

        using var again = await client.SendAsync(Request(HttpMethod.Post, location + "/cancel", Key));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await ProblemAsync(again);

        using var read = await client.GetAsync(location);
        var final = await JsonAsync(read);
        Assert.Equal("cancelled", final.GetProperty("state").GetString());
        Assert.Equal(processed, final.GetProperty("processed").GetInt32());
        Assert.Equal((100, processed), await TestSignalRows.CountAsync(db, ids, "archived"));
    }

    [Fact]
    public async Task A_bulk_job_survives_a_restart_of_every_api_replica_and_processes_every_id_exactly_once()
    {
        const int count = 150; // 30 batches of 5, held after the first until the replicas are stopped
        await using var db = await stack.OpenDatabaseAsync();
        var ids = await TestSignalRows.InsertAsync(stack.App, db, TestSignalRows.NewSource("bulk-restart"), count);
        using var client = stack.CreateApiClient();
        using var hold = stack.HoldJobs();
        var (location, accepted) = await StartAsync(client, "/api/v1/signals/bulk/delete", new { ids });
        var jobId = accepted.GetProperty("id").GetInt64();
        await WaitForAsync(client, location, j => j.GetProperty("processed").GetInt32() > 0);

        // The resource (not one instance): the command runs on every replica, so no processor is left to go on.
        var api = stack.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == ResourceNames.Api);
        var commands = stack.App.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync(api, KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        hold.Dispose();
        var (stateAtStop, processedAtStop, _, _) = await JobRowAsync(db, jobId);
        Assert.Equal("running", stateAtStop);
        Assert.InRange(processedAtStop, 1, count - 1); // interrupted mid-way

        var started = await commands.ExecuteCommandAsync(api, KnownResourceCommands.StartCommand);
        Assert.True(started.Success, started.Message);
        await Replicas.WaitForHealthyAsync(stack.App, TimeSpan.FromMinutes(2));

        var job = await WaitForEndAsync(client, location);
        Assert.Equal("completed", job.GetProperty("state").GetString());
        // A delete repeated on any id would find the row gone and count it as failed.
        Assert.Equal((count, count, count, 0), Counts(job));
        Assert.Equal(0, (await TestSignalRows.CountAsync(db, ids, null)).Existing);
    }

    private static async Task<int> DismissedCountAsync(HttpClient client)
    {
        using var stats = await client.GetAsync("/api/v1/signals/stats");
        return (await JsonAsync(stats)).GetProperty("byStatus").GetProperty("dismissed").GetInt32();
    }
}
