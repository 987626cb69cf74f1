using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using SignalHarvester.Domain;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>
/// The AppHost's PostgreSQL alone (local process, throwaway data, its generated password): what the migration
/// verb tests need, a server to make scratch databases on. Without the services and Redis it starts in seconds,
/// so each verb collection has one of its own and the collections run next to each other.
/// </summary>
public sealed class PostgresOnlyStackFixture : StackFixture
{
    protected override IEnumerable<string> ResourcesToAwait => [ResourceNames.Postgres];

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        // The console is removed by the base fixture.
        foreach (var resource in builder.Resources.Where(r => r is ProjectResource { Name: not ResourceNames.Web } || r.Name == ResourceNames.Cache).ToList())
        {
            builder.Resources.Remove(resource);
        }
    }
}

/// <summary>The migration service's verbs (migrate, check, verify, bad input) against scratch databases.</summary>
[CollectionDefinition(Name)]
public sealed class MigrationVerbCollection : ICollectionFixture<PostgresOnlyStackFixture>
{
    public const string Name = "migration-verbs";
}

/// <summary>Sample data in migrations, the purge-samples verb, and worker jobs run in-process, against scratch databases.</summary>
[CollectionDefinition(Name)]
public sealed class SampleMigrationCollection : ICollectionFixture<PostgresOnlyStackFixture>
{
    public const string Name = "sample-migrations";
}
