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

[CollectionDefinition(Name)]
public sealed class DatabaseOutageCollection : ICollectionFixture<DatabaseOutageStackFixture>
{
    public const string Name = "database-outage";
}
