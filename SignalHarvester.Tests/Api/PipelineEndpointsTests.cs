using System.Net;
using System.Text.Json;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Discovery;
using SignalHarvester.Worker.Signals;
using SignalHarvester.Worker.Signals.Snapshots;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>/api/v1/pipelines on the shared stack: API keys, enqueueing into the worker's Hangfire storage, run status.</summary>
[Collection(StackCollection.Name)]
public sealed class PipelineEndpointsTests(StackFixture stack)
{
    [Theory]
    [InlineData("/api/v1/pipelines/signals")]
    [InlineData("/api/v1/pipelines/discovery")]
    public async Task A_mutation_without_a_valid_key_is_401_problem_details(string path)
    {
        using var client = stack.CreateApiClient();
        using var without = await client.SendAsync(Request(HttpMethod.Post, path));
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Contains("ApiKey", without.Headers.WwwAuthenticate.Select(h => h.Scheme));
        await ProblemAsync(without);
        AssertRateLimitHeaders(without);

        using var wrong = await client.SendAsync(Request(HttpMethod.Post, path, "not-" + await stack.App.ApiKeyAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("ApiKey", wrong.Headers.WwwAuthenticate.Select(h => h.Scheme));
        await ProblemAsync(wrong);
    }

    [Fact]
    public async Task Reads_stay_public_even_with_a_wrong_key()
    {
        using var client = stack.CreateApiClient();
        using var response = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals/stats", "wrong-key"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Signal_pipeline_run_is_accepted_and_reaches_succeeded()
    {
        using var client = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();
        using var accepted = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/pipelines/signals", key));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        AssertRateLimitHeaders(accepted, expectedLimit: 1000);
        var location = accepted.Headers.Location?.ToString();
        Assert.NotNull(location);
        Assert.Matches("^/api/v1/pipelines/runs/[0-9]+$", location);
        using (var body = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()))
        {
            Assert.Equal("signals", body.RootElement.GetProperty("pipeline").GetString());
            Assert.Equal(location, body.RootElement.GetProperty("status").GetString());
            Assert.Contains(body.RootElement.GetProperty("state").GetString(), new[] { "Enqueued", "Processing", "Succeeded" });
        }

        var final = await Eventually.ReturnsAsync(
            async () =>
            {
                using var status = await client.SendAsync(Request(HttpMethod.Get, location!, key));
                Assert.Equal(HttpStatusCode.OK, status.StatusCode);
                return JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.Clone();
            },
            run => run.GetProperty("state").GetString() is "Succeeded" or "Failed",
            TimeSpan.FromMinutes(3),
            "signal pipeline run finishing");
        Assert.True(final.GetProperty("state").GetString() == "Succeeded", final.ToString());
        Assert.Equal(JsonValueKind.String, final.GetProperty("enqueuedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, final.GetProperty("startedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, final.GetProperty("finishedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, final.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Discovery_pipeline_run_is_accepted_and_an_unknown_run_is_404()
    {
        using var client = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();
        using var accepted = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/pipelines/discovery", key));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var status = await client.SendAsync(Request(HttpMethod.Get, accepted.Headers.Location!.ToString(), key));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using (var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync()))
        {
            Assert.Equal("discovery", body.RootElement.GetProperty("pipeline").GetString());
        }

        using var unknown = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/pipelines/runs/987654321", key));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await ProblemAsync(unknown);

        using var withoutKey = await client.GetAsync(accepted.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    [Fact]
    public void The_worker_implements_every_job_contract_with_the_job_of_its_pipeline()
    {
        // Registration and activation are exercised by every run the stack tests start through these interfaces;
        // this pins which class answers for which contract.
        var implementations = PipelineJobContracts.All.ToDictionary(
            c => c.Pipeline,
            c => typeof(SignalPipelineJob).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(c.JobType)).ToList());

        Assert.Equal(["signals", "discovery", "snapshot"], PipelineJobContracts.All.Select(c => c.Pipeline));
        Assert.Equal([typeof(SignalPipelineJob)], implementations["signals"]);
        Assert.Equal([typeof(DiscoveryPipelineJob)], implementations["discovery"]);
        Assert.Equal([typeof(SnapshotExportJob)], implementations["snapshot"]);
        Assert.Equal(SignalPipelineJob.RecurringJobId, PipelineJobContracts.Signals.RecurringJobId);
    }
}
