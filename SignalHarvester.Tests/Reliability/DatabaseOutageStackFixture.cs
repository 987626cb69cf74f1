using SignalHarvester.Core;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Reliability;

/// <summary>A stack of its own for stopping and restarting PostgreSQL: the outage must not disturb other collections.</summary>
public sealed class DatabaseOutageStackFixture : StackFixture
{
    public const string ApiKey = "test-key-database-outage-0123456789abcdef";

    protected override IEnumerable<string> AppHostArguments => [$"--Parameters:api-key={ApiKey}"];

    // The outage is the API's: the worker need not be ready before the tests start.
    protected override IEnumerable<string> ResourcesToAwait => [ResourceNames.Api];
}

// Its latency bounds (2 s per request, 1 s per probe) are the product's, not the machine's: the collection runs
// after the parallel ones, alone, so other stacks starting on CI's two cores do not stretch the measured times
// (in parallel, one request of a fresh-clone CI run took 2.06 s).
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseOutageCollection : ICollectionFixture<DatabaseOutageStackFixture>
{
    public const string Name = "database-outage";
}
