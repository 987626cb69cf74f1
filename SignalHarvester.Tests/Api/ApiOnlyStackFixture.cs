using Aspire.Hosting;
using Aspire.Hosting.Testing;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Api.BulkJobs;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Api;

/// <summary>
/// The api alone (no worker, so no pipeline runs and nothing but the tests writes to the database), on two
/// replicas, for bulk jobs and bad input. Bulk jobs: both replicas claim jobs; batches of 5 and a gate the tests
/// hold (<see cref="HoldJobs"/>: every claimed job stops after its current batch until released), so a test can
/// watch progress, cancel mid-way and stop a replica mid-job without racing the pace of a job; a short lease. Bad
/// input: thousands of requests, anonymous ones too, so limits high enough for them and for tests that poll; the
/// collection runs one test at a time, so the matrix's before/after comparison of the stored data sees only its own
/// requests.
/// </summary>
public sealed class ApiOnlyStackFixture : StackFixture
{
    public const string ApiKey = "test-key-api-only-0123456789abcdef";
    public const int BatchSize = 5;
    public const int OpenStreamsPerClient = 2;

    protected override bool IncludeWorker => false;

    private readonly BulkJobGate gate = new();

    protected override IEnumerable<string> AppHostArguments =>
    [
        $"--Parameters:api-key={ApiKey}",
        $"--Api:BulkJobs:BatchSize={BatchSize}",
        gate.AppHostArgument,
        "--Api:BulkJobs:LeaseSeconds=5",
        "--Api:BulkJobs:PollIntervalMilliseconds=200",
        "--Api:BulkJobs:ProgressIntervalMilliseconds=100",
        "--RateLimiting:AnonymousPerMinute=1000000",
        "--RateLimiting:StandardPerMinute=1000000",
        $"--RateLimiting:OpenStreamsPerClient={OpenStreamsPerClient}",
    ];

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        Service(builder, ResourceNames.Api).WithReplicas(Replicas.Count);
    }

    // The base waits for one healthy api instance; every test here starts with both.
    protected override Task AfterStartAsync() => Replicas.WaitForHealthyAsync(App, TimeSpan.FromMinutes(2));

    protected override Task AfterDisposeAsync()
    {
        gate.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Holds every bulk job after the batch it is running until the result is disposed (<see cref="BulkJobGate"/>).</summary>
    public IDisposable HoldJobs() => gate.Hold();
}

[CollectionDefinition(Name)]
public sealed class ApiOnlyCollection : ICollectionFixture<ApiOnlyStackFixture>
{
    public const string Name = "api-only";
}
