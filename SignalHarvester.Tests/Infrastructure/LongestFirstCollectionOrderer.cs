using SignalHarvester.Tests.Api;
using SignalHarvester.Tests.Deployment;
using SignalHarvester.Tests.Discovery.Pipeline;
using SignalHarvester.Tests.External;
using SignalHarvester.Tests.Foundation;
using SignalHarvester.Tests.Reliability;
using SignalHarvester.Tests.Signals;
using SignalHarvester.Tests.Worker;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("SignalHarvester.Tests.Infrastructure.LongestFirstCollectionOrderer", "SignalHarvester.Tests")]

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>
/// Starts the collections that take longest first and the short ones last, so the last minutes of a run are short
/// collections filling the slots beside each other rather than one long collection running alone (xunit.runner.json
/// runs three at a time, in this order). xunit's default order is random: with it the same suite took between
/// 8 min 49 s and 10 min 13 s, depending on which stack happened to start last.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    // Stack collections by their span in a full run (stack start-up plus tests; docs/performance.md, the test suite).
    private static readonly string[] Longest =
    [
        PopulatedCollection.Name,
        ApiOnlyCollection.Name,
        WorkerReplicasCollection.Name,
        MigrationVerbCollection.Name,
        FaultRecoveryCollection.Name,
        StackCollection.Name,
        SampleMigrationCollection.Name,
        DiscoveryCollection.Name,
        ExternalStackCollection.Name,
        SignalsCollection.Name,
        RateLimitCollection.Name,
        StagingRehearsalCollection.Name,
        GeneratedBundleCollection.Name,
        UnreachableDatabaseCollection.Name,
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(collection => Array.IndexOf(Longest, collection.DisplayName) is var rank and >= 0 ? rank : Longest.Length)
            .ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);
}
