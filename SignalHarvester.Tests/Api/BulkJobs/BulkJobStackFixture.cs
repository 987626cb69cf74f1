using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Api.BulkJobs;

/// <summary>
/// A stack of its own for bulk jobs: the api on two replicas, both claiming jobs; batches of 5 and a gate the
/// tests hold (<see cref="HoldJobs"/>: every claimed job stops after its current batch until released), so a
/// test can watch progress, cancel mid-way and stop a replica mid-job without racing the pace of a job; a
/// short lease; no worker (so no pipeline runs); and a rate limit high enough for tests that poll.
/// </summary>
public sealed class BulkJobStackFixture : StackFixture
{
    public const string ApiKey = "test-key-bulk-jobs-0123456789abcdef";
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
        "--RateLimiting:AnonymousPerMinute=100000",
        "--RateLimiting:StandardPerMinute=100000",
        $"--RateLimiting:OpenStreamsPerClient={OpenStreamsPerClient}",
    ];

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        var api = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == ResourceNames.Api);
        builder.CreateResourceBuilder(api).WithReplicas(Replicas.Count);
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
public sealed class BulkJobCollection : ICollectionFixture<BulkJobStackFixture>
{
    public const string Name = "bulk-jobs";
}
