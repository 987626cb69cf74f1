using Aspire.Hosting;
using Aspire.Hosting.Testing;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Api;

/// <summary>
/// The stack for rate limits, with Redis and without: a tiny anonymous limit and the api on two replicas behind the
/// AppHost's endpoint, so a client's budget is visibly shared (or not) between replicas, and Redis stopped and
/// restarted by a test (its collection runs one test at a time). No worker, so no pipeline runs.
/// </summary>
public sealed class RateLimitStackFixture : StackFixture
{
    public const int AnonymousPerMinute = 5;
    public const int StandardPerMinute = 1000;
    public const string ApiKey = "test-key-rate-limits-0123456789abcdef";

    protected override bool IncludeWorker => false;

    protected override IEnumerable<string> AppHostArguments =>
    [
        $"--RateLimiting:AnonymousPerMinute={AnonymousPerMinute}",
        $"--RateLimiting:StandardPerMinute={StandardPerMinute}",
        $"--Parameters:api-key={ApiKey}",
    ];

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        Service(builder, ResourceNames.Api).WithReplicas(Replicas.Count);
    }
}

[CollectionDefinition(Name)]
public sealed class RateLimitCollection : ICollectionFixture<RateLimitStackFixture>
{
    public const string Name = "rate-limits";
}
