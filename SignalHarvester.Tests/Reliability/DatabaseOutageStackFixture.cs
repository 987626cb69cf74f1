using SignalHarvester.Tests.Api.BulkJobs;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// A stack of its own for stopping and restarting PostgreSQL (and the worker): the outages must not disturb other
/// collections. The worker harvests one query from a fake X; pipelines run only when a test asks; bulk jobs go in
/// batches of 5 and a test can hold them after a batch (<see cref="HoldJobs"/>) to break things while one is in progress.
/// </summary>
public sealed class DatabaseOutageStackFixture : StackFixture
{
    public const string ApiKey = "test-key-database-outage-0123456789abcdef";
    public const string QueryName = "outages";
    public const string Query = "outage OR down";
    public const int PageSize = 10;

    private readonly BulkJobGate gate = new();

    public FakeXApi X { get; private set; } = null!;
    public HangfireJobs Jobs { get; private set; } = null!;

    protected override async Task BeforeStartAsync() => X = await FakeXApi.StartAsync();

    protected override IEnumerable<string> AppHostArguments =>
    [
        $"--Parameters:api-key={ApiKey}",
        "--Harvest:X:Mode=live",
        $"--Harvest:X:BaseUrl={X.BaseUrl}",
        $"--Parameters:x-bearer-token={FakeXApi.DefaultBearerToken}",
        $"--Harvest:X:MaxResults={PageSize}",
        "--Harvest:X:PageBudget=3",
        $"--Harvest:Queries:0:Name={QueryName}",
        $"--Harvest:Queries:0:Query={Query}",
        "--Api:BulkJobs:BatchSize=5",
        gate.AppHostArgument,
        "--Api:BulkJobs:LeaseSeconds=5",
        "--Api:BulkJobs:PollIntervalMilliseconds=200",
        "--RateLimiting:StandardPerMinute=100000",
        .. NoScheduledPipelines,
    ];

    protected override async Task AfterStartAsync() => Jobs = new HangfireJobs(await DatabaseConnectionStringAsync());

    protected override async Task AfterDisposeAsync()
    {
        await X.DisposeAsync();
        gate.Dispose();
    }

    /// <summary>Holds every bulk job after the batch it is running until the result is disposed (<see cref="BulkJobGate"/>).</summary>
    public IDisposable HoldJobs() => gate.Hold();
}

// Alone, after the parallel collections: the outage test's latency bounds (2 s per request, 1 s per probe) are the
// product's, not the machine's — other stacks starting on CI's two cores would stretch them (in parallel, one request
// of a fresh-clone CI run took 2.06 s).
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseOutageCollection : ICollectionFixture<DatabaseOutageStackFixture>
{
    public const string Name = "database-outage";
}

// Faults without a latency bound (the chaos harvest's worker kills, a run and jobs across a PostgreSQL restart): they
// break only this stack of their own, one test at a time, so they run next to the other collections instead of
// lengthening the serial tail.
[CollectionDefinition(Name)]
public sealed class FaultRecoveryCollection : ICollectionFixture<DatabaseOutageStackFixture>
{
    public const string Name = "fault-recovery";
}
