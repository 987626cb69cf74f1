using SignalHarvester.Data.Jobs;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Signals;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// R1's rounds, for the CI test and the hour-long soak alike: each round adds posts to the fake X (some with a NUL in
/// their text, which must be skipped, never stored), optionally kills the worker while a run waits on X, runs the
/// pipeline with the fake failing by <see cref="XChaos"/>, and checks what is stored.
/// </summary>
public sealed class ChaosHarvest(DatabaseOutageStackFixture stack, XChaos chaos, int newPostsPerRound, Action<string> log) : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    // Which posts are bad and where a kill lands: from the same seed as the faults, so a round replays whole.
    private readonly Random random = new(chaos.Seed);
    private readonly List<FakeXApi.Post> posts = [];
    private readonly HashSet<string> bad = [];
    private readonly Dictionary<string, int> likesStored = [];
    private readonly List<string> killedJobs = [];
    private FakeXApi.SearchHold? hold;
    private int stored;

    public int Rounds { get; private set; }

    public int Runs { get; private set; }

    public int Kills { get; private set; }

    /// <summary>One round: new posts, a kill while a run waits on X (when <paramref name="kill"/>), a run to its end under faults, the checks.</summary>
    public async Task RoundAsync(bool kill)
    {
        Rounds++;
        AddPosts();
        stack.X.Chaos = chaos;
        if (kill)
        {
            await KillDuringRunAsync();
        }

        var state = await stack.Jobs.RunSignalPipelineAsync();
        Runs++;
        Assert.True(state == "Succeeded", $"round {Rounds}: the run ended {state} (X faults are the harvest's to absorb)");
        await CheckAsync();
    }

    /// <summary>No more faults: the next run succeeds, and runs until the harvest has caught up store every good post.</summary>
    public async Task FinishCleanlyAsync()
    {
        stack.X.Chaos = null;
        HarvestLedger ledger;
        var runs = 0;
        do
        {
            Assert.Equal("Succeeded", await stack.Jobs.RunSignalPipelineAsync());
            Runs++;
            runs++;
            ledger = await CheckAsync();
        }
        while (ledger.PaginationToken is not null && runs < 10);

        var good = posts.Where(p => !bad.Contains(p.Id)).Select(p => p.Id).Order().ToList();
        Assert.Equal(good, ledger.Stored.Keys.Order());
        Assert.Equal(posts.Max(p => long.Parse(p.Id, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture), ledger.SinceId);
        Assert.Null(ledger.PaginationToken);
    }

    public override string ToString()
    {
        var (faults, searches) = chaos.Counts();
        return $"seed {chaos.Seed}: {Rounds} rounds, {Runs} runs, {Kills} worker kills; X searches {searches}, faults {faults} "
            + $"({100.0 * faults / Math.Max(1, searches):F0} %: {chaos}); {posts.Count} posts served ({bad.Count} with a NUL), {stored} stored";
    }

    public async ValueTask DisposeAsync()
    {
        stack.X.Chaos = null;
        hold?.Release();
        foreach (var job in killedJobs)
        {
            // The killed runs' queue entries come back after Hangfire's invisibility timeout: none may run after the test.
            stack.Jobs.Delete(job);
        }

        if (stack.Snapshot(ResourceNames.Worker)?.Snapshot.State?.Text != "Running")
        {
            await WorkerProcess.StartAsync(stack);
        }
    }

    private void AddPosts()
    {
        var added = Enumerable.Range(0, newPostsPerRound).Select(i =>
        {
            var isBad = random.Next(8) == 0;
            var post = stack.X.NewPost(isBad ? $"Login down \0 round {Rounds} post {i}" : $"Checkout down, round {Rounds} post {i}", likes: random.Next(50));
            if (isBad)
            {
                bad.Add(post.Id);
            }

            return post;
        }).ToArray();
        posts.AddRange(added);
        stack.X.AddPosts(DatabaseOutageStackFixture.Query, added);

        // Engagement grows on some older posts: a page served again (a retry, a resumed harvest) carries the new counts.
        foreach (var older in posts.Take(posts.Count - added.Length).OrderBy(_ => random.Next()).Take(3).ToList())
        {
            var raised = older with { Likes = older.Likes + 1 + random.Next(5) };
            posts[posts.IndexOf(older)] = raised;
            stack.X.UpdatePost(raised);
        }
    }

    /// <summary>Starts a run, holds its first or second search at the fake, and kills the worker while it waits for the answer.</summary>
    private async Task KillDuringRunAsync()
    {
        hold = stack.X.HoldSearchesFrom(stack.X.NextRequestNumber + random.Next(2));
        var job = stack.Jobs.Enqueue<ISignalPipelineJob>(j => j.RunAsync(CancellationToken.None));
        killedJobs.Add(job);
        // A run whose first search fails without a retry (a 429, a broken body) never asks for a second: then no kill this round.
        var outcome = await Eventually.ReturnsAsync(
            () => Task.FromResult(hold.Reached.Task.IsCompleted ? "held" : stack.Jobs.History(job).LastOrDefault()),
            s => s is "held" or "Succeeded" or "Failed",
            RunTimeout,
            $"round {Rounds}: the run reaching its held search or ending");
        if (outcome == "held")
        {
            await WorkerProcess.KillAsync(stack);
            Kills++;
        }

        hold.Release();
        if (outcome == "held")
        {
            await WorkerProcess.StartAsync(stack);
            await CheckAsync();
        }

        log($"round {Rounds}: {(outcome == "held" ? "worker killed while its run waited on X" : $"run ended {outcome} before the held search, no kill")}");
    }

    private async Task<HarvestLedger> CheckAsync()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var ledger = await HarvestLedger.ReadAsync(db, DatabaseOutageStackFixture.QueryName, posts.Select(p => p.Id));
        ledger.AssertNoDuplicates();
        ledger.AssertCursorBehindStored(posts.Where(p => !bad.Contains(p.Id)).Select(p => p.Id));
        Assert.DoesNotContain(ledger.Stored.Keys, bad.Contains);
        foreach (var (id, row) in ledger.Stored)
        {
            var before = likesStored.GetValueOrDefault(id);
            Assert.True(row.Likes >= before, $"post {id}: likes went down from {before} to {row.Likes}");
            likesStored[id] = row.Likes;
        }

        stored = ledger.Stored.Count;
        log($"round {Rounds}: {ledger}");
        return ledger;
    }
}
