using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Foundation;

/// <summary>The stack with the migration service pointed at a database nobody listens on.</summary>
public sealed class UnreachableDatabaseStackFixture : StackFixture
{
    protected override IEnumerable<string> ResourcesToAwait => [];

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        Service(builder, ResourceNames.Migrations)
            .WithEnvironment($"ConnectionStrings__{ResourceNames.Database}", "Host=127.0.0.1;Port=1;Username=postgres;Password=unused;Database=harvest")
            .WithEnvironment("Migrations__ConnectTimeoutSeconds", "2");
    }
}

[CollectionDefinition(Name)]
public sealed class UnreachableDatabaseCollection : ICollectionFixture<UnreachableDatabaseStackFixture>
{
    public const string Name = "unreachable-database";
}

[Collection(UnreachableDatabaseCollection.Name)]
public sealed class FailedMigrationTests(UnreachableDatabaseStackFixture stack)
{
    [Fact]
    public async Task A_failing_migration_finishes_non_zero_and_the_api_never_starts()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var migrations = await stack.App.ResourceNotifications.WaitForResourceAsync(
            ResourceNames.Migrations, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        Assert.Equal(KnownResourceStates.Finished, migrations.Snapshot.State?.Text);
        Assert.NotEqual(0, migrations.Snapshot.ExitCode);

        var api = await stack.App.ResourceNotifications.WaitForResourceAsync(
            ResourceNames.Api, e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart, timeout.Token);
        Assert.Null(api.Snapshot.StartTimeStamp);
        Assert.Null(stack.Snapshot(ResourceNames.Worker)?.Snapshot.StartTimeStamp);
    }
}
