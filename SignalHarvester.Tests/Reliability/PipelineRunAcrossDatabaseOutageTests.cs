using System.Diagnostics;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Signals;
using Xunit.Abstractions;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// R3, second half: a signal pipeline run interrupted by a PostgreSQL outage (its first page stored, the second asked
/// for) is retried by Hangfire once the database is back and completes: every post stored exactly once, the cursor at
/// the newest post.
/// </summary>
[Collection(FaultRecoveryCollection.Name)]
public sealed class PipelineRunAcrossDatabaseOutageTests(DatabaseOutageStackFixture stack, ITestOutputHelper output)
{
    private static readonly TimeSpan StageTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_run_interrupted_by_the_outage_is_retried_and_stores_every_post_exactly_once()
    {
        // Three pages of the page size (10, 10, 5): the outage comes while the run waits for the second.
        var posts = Enumerable.Range(0, 2 * DatabaseOutageStackFixture.PageSize + 5)
            .Select(i => stack.X.NewPost($"Checkout down across the outage, post {i}", likes: i))
            .ToArray();
        stack.X.AddPosts(DatabaseOutageStackFixture.Query, posts);
        using var worker = stack.CreateWorkerClient();
        var harvestFailuresBefore = await HarvestFailuresAsync(worker);
        var hold = stack.X.HoldSearchesFrom(stack.X.NextRequestNumber + 1);
        var clock = Stopwatch.StartNew();
        var job = stack.Jobs.Enqueue<ISignalPipelineJob>(j => j.RunAsync(CancellationToken.None));
        try
        {
            await hold.Reached.Task.WaitAsync(StageTimeout);
            await PostgresOutage.StopAsync(stack);
            hold.Release();
            // The run stores the second page into a database that is gone: its harvest stage fails.
            await Eventually.ReturnsAsync(() => HarvestFailuresAsync(worker), n => n > harvestFailuresBefore, StageTimeout, "the harvest stage failing");
            output.WriteLine($"harvest failed with PostgreSQL down after {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            hold.Release();
            await PostgresOutage.StartAsync(stack);
        }

        var final = await stack.Jobs.WaitForFinalStateAsync(job, TimeSpan.FromMinutes(2));
        var history = stack.Jobs.History(job);
        output.WriteLine($"job {job}: {string.Join(" → ", history)}, {clock.Elapsed.TotalSeconds:F1} s in all");
        Assert.Equal("Succeeded", final);
        Assert.Contains("Scheduled", history); // Hangfire's automatic retry, not a second job

        await using var db = await stack.OpenDatabaseAsync();
        var ledger = await HarvestLedger.ReadAsync(db, DatabaseOutageStackFixture.QueryName, posts.Select(p => p.Id));
        output.WriteLine(ledger.ToString());
        ledger.AssertNoDuplicates();
        Assert.Equal(posts.Select(p => p.Id).Order(), ledger.Stored.Keys.Order());
        Assert.Equal(posts[^1].Id, ledger.SinceId);
        Assert.Null(ledger.PaginationToken);
    }

    private static async Task<double> HarvestFailuresAsync(HttpClient worker) =>
        await PrometheusScrape.SumAsync(worker, "signalharvester_signals_stage_duration_seconds_count", "stage=\"harvest\"", "outcome=\"failure\"");
}
