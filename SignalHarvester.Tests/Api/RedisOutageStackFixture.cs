using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Api;

/// <summary>A stack of its own (the api alone, no worker) for stopping and restarting Redis: the outage must not disturb other collections.</summary>
public sealed class RedisOutageStackFixture : StackFixture
{
    public const string ApiKey = "test-key-redis-outage-0123456789abcdef";

    protected override bool IncludeWorker => false;

    protected override IEnumerable<string> AppHostArguments => [$"--Parameters:api-key={ApiKey}"];
}

[CollectionDefinition(Name)]
public sealed class RedisOutageCollection : ICollectionFixture<RedisOutageStackFixture>
{
    public const string Name = "redis-outage";
}
