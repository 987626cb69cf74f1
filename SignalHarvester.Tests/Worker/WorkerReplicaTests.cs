using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Discovery;
using SignalHarvester.Worker.Signals;
using Xunit.Abstractions;

namespace SignalHarvester.Tests.Worker;

/// <summary>
/// Issue 17, item 3: two worker replicas share the pipelines with nothing run twice or lost. A schedule tick (and the
/// start) runs a pipeline once across replicas, and over several ticks both replicas take runs; one discovery run's
/// source fetches are spread over both replicas; a replica killed while it fetches loses nothing: the other replica
/// fetches again once the job's invisibility timeout has passed, and every artifact is stored once.
/// </summary>
[Collection(WorkerReplicasCollection.Name)]
public sealed class WorkerReplicaTests(WorkerReplicasStackFixture stack, ITestOutputHelper output)
{
    private const int MinTicks = 4, MaxTicks = 16;
    private static readonly string SourceFetchType = typeof(DiscoverySourceFetchJob).FullName!;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Replicas_starting_together_run_the_signal_pipeline_once()
    {
        await using var db = await stack.OpenDatabaseAsync();
        // Both replicas registered and passed their start-up trigger before they reported healthy.
        var runs = await Eventually.ReturnsAsync(
            () => HangfireRecords.RunsOfAsync(db, SignalPipelineJob.RecurringJobId),
            r => r.Count > 0 && r.All(j => j.IsFinal),
            RunTimeout,
            "the start-up signal run finishing");
        output.WriteLine(string.Join("; ", runs));
        Assert.Single(runs);
        Assert.Equal("Succeeded", runs[0].State);
    }

    [Fact]
    public async Task Each_schedule_tick_runs_the_pipeline_once_and_both_replicas_take_runs()
    {
        var replicas = await stack.WaitForWorkersAsync();
        await using var db = await stack.OpenDatabaseAsync();
        var before = (await WaitForFinalAsync(db)).Count;
        var takers = new HashSet<string>();
        var ticks = 0;
        while (ticks < MaxTicks && (ticks < MinTicks || takers.Count < replicas.Count))
        {
            ticks++;
            await HangfireRecords.MakeDueAsync(stack.Jobs, db, SignalPipelineJob.RecurringJobId);
            var runs = (await Eventually.ReturnsAsync(
                async () =>
                {
                    await HangfireRecords.KeepDueAsync(db, SignalPipelineJob.RecurringJobId);
                    return new ScheduleView(await HangfireRecords.RunsOfAsync(db, SignalPipelineJob.RecurringJobId), await HangfireRecords.DescribeScheduleAsync(db, SignalPipelineJob.RecurringJobId));
                },
                v => v.Runs.Count >= before + ticks && v.Runs.All(j => j.IsFinal),
                RunTimeout,
                $"tick {ticks}'s run finishing")).Runs;
            Assert.True(runs.Count == before + ticks, $"tick {ticks} made {runs.Count - before - ticks + 1} runs: {string.Join("; ", runs.Skip(before + ticks - 1))}");
            var run = runs[^1];
            Assert.Equal("Succeeded", run.State);
            var server = Assert.Single(run.Servers); // processed once
            takers.Add(Replicas.InstanceOfProcess(HangfireRecords.JobRecord.PidOf(server), replicas));
            output.WriteLine($"tick {ticks}: run {run.Id} on {server}");
        }

        // No tick produced a second run (a duplicate enqueued by the other replica's scheduler would be here by now:
        // both poll every 5 s, and each run took longer than that to go through the queue and finish).
        Assert.Equal(before + ticks, (await WaitForFinalAsync(db)).Count);
        Assert.Equal(replicas.Keys.Order(), takers.Order());
    }

    // A replica killed while its scheduler held Hangfire's lock (a row only its holder deletes) must not stop the
    // schedule for long: the lock counts as stale after Jobs:DistributedLockTimeout (20 s here; Hangfire.PostgreSql's
    // default is 10 minutes).
    [Fact]
    public async Task A_tick_runs_once_after_a_dead_replica_left_the_schedulers_lock()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var before = (await WaitForFinalAsync(db)).Count;
        var clock = Stopwatch.StartNew();
        await HangfireRecords.MakeDueAsync(stack.Jobs, db, SignalPipelineJob.RecurringJobId, releaseLocks: false);
        var runs = await Eventually.ReturnsAsync(
            () => HangfireRecords.RunsOfAsync(db, SignalPipelineJob.RecurringJobId),
            r => r.Count > before && r.All(j => j.IsFinal),
            RunTimeout,
            "the tick's run finishing");
        output.WriteLine($"the tick ran {clock.Elapsed.TotalSeconds:F1} s after the scheduler's locks were left behind: {runs[^1]}");
        Assert.Equal(before + 1, runs.Count);
        Assert.Equal("Succeeded", runs[^1].State);
    }

    [Fact]
    public async Task One_discovery_runs_source_fetches_are_spread_over_both_replicas()
    {
        var replicas = await stack.WaitForWorkersAsync();
        stack.AddPapers(2);
        RequestGate[] gates = [stack.Arxiv.Gate, stack.GitHub.Gate, stack.HackerNews.Gate];
        string run;
        try
        {
            foreach (var gate in gates)
            {
                gate.Close();
            }

            run = stack.Jobs.Enqueue<IDiscoveryPipelineJob>(j => j.RunAsync(CancellationToken.None));
            // Three fetches held at once need three workers besides the run's own: more than one replica has (two).
            await Eventually.ReturnsAsync(
                () => Task.FromResult($"waiting at arXiv, GitHub, Hacker News: {string.Join(", ", gates.Select(g => g.Waiting))}"),
                _ => gates.All(g => g.Waiting > 0),
                RunTimeout,
                "arXiv, GitHub and Hacker News each asked at once");
        }
        finally
        {
            foreach (var gate in gates)
            {
                gate.Open();
            }
        }

        Assert.Equal("Succeeded", await stack.Jobs.WaitForFinalStateAsync(run, RunTimeout));
        await using var db = await stack.OpenDatabaseAsync();
        var runId = long.Parse(run, System.Globalization.CultureInfo.InvariantCulture);
        var parts = (await HangfireRecords.JobsOfTypeAfterAsync(db, SourceFetchType, runId)).Prepend(await HangfireRecords.JobAsync(db, runId)).ToList();
        output.WriteLine(string.Join(Environment.NewLine, parts));
        Assert.Equal(3, parts.Count(p => p.Type.StartsWith(SourceFetchType, StringComparison.Ordinal)));
        Assert.All(parts, p => Assert.Equal(("Succeeded", 1), (p.State, p.Servers.Count)));
        var ranOn = parts.Select(p => Replicas.InstanceOfProcess(HangfireRecords.JobRecord.PidOf(p.Servers[0]), replicas)).Distinct().Order();
        Assert.Equal(replicas.Keys.Order(), ranOn);
        await AssertStoredOnceAsync(db);
    }

    // The replica killed is the one running the arXiv source's fetch job, or the one running the run itself (which
    // waits for its fetch jobs, holding the pipeline's advisory lock).
    [Theory]
    [InlineData(Victim.Fetch)]
    [InlineData(Victim.Run)]
    public async Task A_replica_killed_mid_run_loses_nothing_and_stores_nothing_twice(Victim victim)
    {
        var replicas = await stack.WaitForWorkersAsync();
        stack.AddPapers(3);
        string? killed = null;
        stack.Arxiv.Gate.Close();
        try
        {
            var run = stack.Jobs.Enqueue<IDiscoveryPipelineJob>(j => j.RunAsync(CancellationToken.None));
            var runId = long.Parse(run, System.Globalization.CultureInfo.InvariantCulture);
            await using var db = await stack.OpenDatabaseAsync();
            await Eventually.ReturnsAsync(() => Task.FromResult(stack.Arxiv.Gate.Waiting), n => n > 0, RunTimeout, "the arXiv fetch asking");
            var target = victim == Victim.Run
                ? await HangfireRecords.JobAsync(db, runId)
                : (await HangfireRecords.JobsOfTypeAfterAsync(db, SourceFetchType, runId)).Single(j => j.Arguments.Contains("arxiv", StringComparison.Ordinal));
            Assert.Equal("Processing", target.State);
            killed = Replicas.InstanceOfProcess(HangfireRecords.JobRecord.PidOf(target.Servers[^1]), replicas);
            var survivor = Assert.Single(replicas.Keys, instance => instance != killed);

            var clock = Stopwatch.StartNew();
            await WorkerProcess.KillReplicaAsync(stack, killed, replicas[killed]);
            stack.Arxiv.Gate.Open();
            Assert.Equal("Succeeded", await stack.Jobs.WaitForFinalStateAsync(run, RunTimeout));
            var ended = await Eventually.ReturnsAsync(() => HangfireRecords.JobAsync(db, target.Id), j => j.IsFinal, RunTimeout, $"the killed replica's job {target.Id} finishing");
            output.WriteLine($"killed {killed} while it ran {ended}; run {run}: {string.Join(" → ", stack.Jobs.History(run))}, {clock.Elapsed.TotalSeconds:F1} s after the kill");

            // The killed replica's job came back and the survivor ran it to the end; the run never failed (the dead
            // replica's advisory lock ended with its connection), and nothing was stored twice.
            Assert.False(Replicas.IsRunning(stack.App, killed));
            Assert.Equal(("Succeeded", 2), (ended.State, ended.Servers.Count));
            Assert.Equal(survivor, Replicas.InstanceOfProcess(HangfireRecords.JobRecord.PidOf(ended.Servers[^1]), replicas));
            Assert.DoesNotContain("Failed", stack.Jobs.History(run));
            await AssertStoredOnceAsync(db);
        }
        finally
        {
            stack.Arxiv.Gate.Open();
            if (killed is not null)
            {
                // The other tests of the collection expect both replicas.
                var started = await stack.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(killed, KnownResourceCommands.StartCommand);
                Assert.True(started.Success, started.Message);
                await stack.WaitForWorkersAsync();
            }
        }
    }

    // What a tick's wait prints when it times out: the runs so far and the recurring job's schedule.
    private sealed record ScheduleView(IReadOnlyList<HangfireRecords.JobRecord> Runs, string Schedule)
    {
        public override string ToString() => $"{Schedule}; runs: {string.Join("; ", Runs.TakeLast(3))}";
    }

    public enum Victim
    {
        Fetch,
        Run,
    }

    private static Task<IReadOnlyList<HangfireRecords.JobRecord>> WaitForFinalAsync(NpgsqlConnection db) => Eventually.ReturnsAsync(
        () => HangfireRecords.RunsOfAsync(db, SignalPipelineJob.RecurringJobId),
        r => r.All(j => j.IsFinal),
        RunTimeout,
        "every signal run finishing");

    // Every paper the fake serves is stored, each once, and scored; Hacker News's stories too.
    private async Task AssertStoredOnceAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand(
            """
            select a.source, count(*), count(distinct a.source_id), count(*) filter (where exists (select 1 from scores s where s.artifact_id = a.id))
            from artifacts a group by a.source order by a.source
            """, db);
        var stored = new Dictionary<string, (long Rows, long Distinct, long Scored)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        output.WriteLine(string.Join("; ", stored.Select(s => $"{s.Key}: {s.Value}")));
        Assert.Equal((stack.PaperCount, stack.PaperCount, stack.PaperCount), stored.GetValueOrDefault("arxiv"));
        var stories = stored.GetValueOrDefault("hackernews");
        Assert.True(stories.Rows > 0, "no Hacker News story stored");
        Assert.Equal((stories.Rows, stories.Rows), (stories.Distinct, stories.Scored));
    }
}
