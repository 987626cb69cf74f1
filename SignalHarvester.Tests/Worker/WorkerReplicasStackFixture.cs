using Aspire.Hosting;
using Aspire.Hosting.Testing;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Worker;

/// <summary>
/// The stack with the worker on two replicas, each running two Hangfire workers (so a run and its three source fetches
/// need both replicas), discovery live against fake arXiv, GitHub and Hacker News servers whose requests a test can
/// hold, and short invisibility and lock timeouts so a killed replica's job and locks come back within the test. Both pipelines are
/// scheduled once a year; the signal pipeline still runs at start (in sample mode), once across the replicas.
/// </summary>
public sealed class WorkerReplicasStackFixture : StackFixture
{
    public const int WorkersPerReplica = 2;
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromMinutes(2);

    private int papers;

    private LiveDiscoveryFakes fakes = null!;

    public FakeArxivApi Arxiv => fakes.Arxiv;
    public FakeGitHubApi GitHub => fakes.GitHub;
    public FakeHackerNewsApi HackerNews => fakes.HackerNews;
    public HangfireJobs Jobs { get; private set; } = null!;

    /// <summary>The worker's instances (id → launched pid) once both are healthy.</summary>
    public IReadOnlyDictionary<string, int> WorkerReplicas { get; private set; } = new Dictionary<string, int>();

    /// <summary>Papers the fake arXiv serves, all of them stored after a complete run.</summary>
    public int PaperCount => Volatile.Read(ref papers);

    public const int StoryCount = 3;

    protected override async Task BeforeStartAsync()
    {
        fakes = await LiveDiscoveryFakes.StartAsync();
        AddPapers(4);
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= StoryCount; i++)
        {
            HackerNews.AddStory(7000 + i, $"Replica story {i}", now.AddHours(-i), text: "Shared work across replicas.");
        }

        HackerNews.SetList("topstories", [.. Enumerable.Range(7001, StoryCount).Select(i => (long)i)]);
        HackerNews.SetList("showstories");
    }

    protected override IEnumerable<string> AppHostArguments =>
    [
        .. fakes.AppHostArguments,
        "--Harvest:Schedule=0 0 1 1 *",
        "--Jobs:Heartbeat:Cron=0 0 1 1 *",
        $"--Jobs:WorkerCount={WorkersPerReplica}",
        $"--Jobs:InvisibilityTimeout={InvisibilityTimeout:c}",
        $"--Jobs:DistributedLockTimeout={LockTimeout:c}",
    ];

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        Service(builder, ResourceNames.Worker).WithReplicas(Replicas.Count);
    }

    protected override async Task AfterStartAsync()
    {
        WorkerReplicas = await Replicas.WaitForHealthyAsync(App, ReplicaTimeout, ResourceNames.Worker);
        Jobs = new HangfireJobs(await DatabaseConnectionStringAsync());
    }

    /// <summary>New papers, published in the last hours: the next run must store each of them once.</summary>
    public void AddPapers(int count)
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var number = Interlocked.Increment(ref papers);
            Arxiv.Add(FakeArxivApi.Paper(number, now.AddMinutes(-number)));
        }
    }

    /// <summary>Waits until both worker replicas are healthy again (after a test took one down) and returns them.</summary>
    public async Task<IReadOnlyDictionary<string, int>> WaitForWorkersAsync() =>
        WorkerReplicas = await Replicas.WaitForHealthyAsync(App, ReplicaTimeout, ResourceNames.Worker);

    protected override async Task AfterDisposeAsync() => await fakes.DisposeAsync();
}

// A stack of its own: its tests kill a worker replica, and the pipelines' schedules are theirs to move.
[CollectionDefinition(Name)]
public sealed class WorkerReplicasCollection : ICollectionFixture<WorkerReplicasStackFixture>
{
    public const string Name = "worker-replicas";
}
