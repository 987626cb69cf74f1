using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Discovery;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Tests.Discovery;

/// <summary>
/// One source's fetch job, run in-process against a migrated scratch database: a source that fails is the source's
/// failure (recorded, the run goes on without it), but the database failing under a fetch fails the job, so the run
/// is retried instead of succeeding without that source's artifacts.
/// </summary>
[Collection(SampleMigrationCollection.Name)]
public sealed class DiscoverySourceFetchJobTests(PostgresOnlyStackFixture stack) : IAsyncLifetime
{
    private readonly ScratchDatabases scratch = new(stack);
    private readonly ServiceProvider meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        var url = await scratch.NewDatabaseUrlAsync();
        var migrate = await MigrationCli.RunOnAsync(url, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        dataSource = NpgsqlDataSource.Create((await stack.ServerConnectionAsync(ScratchDatabases.DatabaseOf(url))).ConnectionString);
        // The worker announces its sources at start; a run's outcome updates that row.
        await Status().AnnounceAsync([new SourceSetting(SourceNames.HackerNews, SourceMode.Live, SourceMode.Live, "test")], CancellationToken.None);
    }

    [Fact]
    public async Task The_database_failing_under_a_fetch_fails_the_job_and_saves_no_cursor()
    {
        // A source that reads the database (as X's does: its artifacts come from stored posts) while PostgreSQL is
        // unreachable: a real connection refused from Npgsql, which it reports as transient.
        var unreachable = $"Host=127.0.0.1;Port={FreePort.Pick()};Username=nobody;Password=none;Database=none;Timeout=5";
        var source = new FailingSource(SourceNames.HackerNews, async () =>
        {
            await using var connection = new NpgsqlConnection(unreachable);
            await connection.OpenAsync();
        });

        var failure = await Assert.ThrowsAsync<NpgsqlException>(() => Job(source).RunAsync(source.Name, CancellationToken.None));
        Assert.True(failure.IsTransient, failure.ToString());
        Assert.Null(await new DiscoveryFetchCursors(dataSource).LastFetchedAsync(source.Name, DataOrigin.Live, CancellationToken.None));
        Assert.Null(await LastErrorAsync(source.Name));
    }

    [Fact]
    public async Task A_failing_source_is_recorded_and_the_job_succeeds()
    {
        var source = new FailingSource(SourceNames.HackerNews, () => throw new HttpRequestException("upstream answered 502"));

        var outcome = await Job(source).RunAsync(source.Name, CancellationToken.None);

        Assert.Equal(new SourceFetchOutcome(source.Name, 0, 0, "upstream answered 502"), outcome);
        Assert.Equal("upstream answered 502", await LastErrorAsync(source.Name));
        Assert.Null(await new DiscoveryFetchCursors(dataSource).LastFetchedAsync(source.Name, DataOrigin.Live, CancellationToken.None));
    }

    private async Task<string?> LastErrorAsync(string source)
    {
        await using var command = dataSource.CreateCommand("select last_error from source_status where name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = source });
        return await command.ExecuteScalarAsync() as string;
    }

    private SourceStatusStore Status() => new(dataSource, TimeProvider.System, NullLogger<SourceStatusStore>.Instance);

    private DiscoverySourceFetchJob Job(IDiscoverySource source) =>
        new(
            [source],
            new SourceSettings(),
            Status(),
            new ArtifactStore(dataSource),
            new DiscoveryFetchCursors(dataSource),
            TimeProvider.System,
            new DiscoveryMetrics(meters.GetRequiredService<IMeterFactory>()),
            NullLogger<DiscoverySourceFetchJob>.Instance);

    public async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await scratch.DisposeAsync();
        await meters.DisposeAsync();
    }

    /// <summary>Yields one artifact, then fails the way <paramref name="fail"/> does.</summary>
    private sealed class FailingSource(string name, Func<Task> fail) : IDiscoverySource
    {
        public string Name => name;

        public async IAsyncEnumerable<SourceArtifact> FetchAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new SourceArtifact(name, "1", "story", "A story", null, null, DateTimeOffset.UtcNow, [], "{}");
            await fail();
        }
    }
}
