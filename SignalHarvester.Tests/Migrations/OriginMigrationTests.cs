using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Tests.Migrations;

/// <summary>
/// Upgrading a database that stored the bundled samples before rows had an origin: the migration
/// marks exactly the sample-era rows as samples, so a live source never merges into them.
/// </summary>
[Collection(SampleMigrationCollection.Name)]
public sealed class OriginMigrationTests(PostgresOnlyStackFixture stack) : IAsyncLifetime
{
    private const string BeforeOrigin = "20261127120121_AddBulkJobProcessedBy";

    private readonly ScratchDatabases scratch = new(stack);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scratch.DisposeAsync();

    [Fact]
    public async Task Sample_era_rows_become_samples_and_everything_else_stays_live()
    {
        var url = await scratch.NewEmptyDatabaseUrlAsync();
        var connectionString = DatabaseUrl.ToConnectionString(url);
        var sample = EmbeddedXPostSource.Recorded["outages"][0];
        await using (var db = Open(connectionString))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeOrigin);
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var seed = new NpgsqlCommand($$"""
                insert into tweets (id, text, author_id, created_at, like_count, retweet_count, reply_count, quote_count,
                                    matched_queries, tags, classification_fallback, notify_attempts, inserted_at, updated_at)
                values ('{{sample.Id}}', 'as recorded', '{{sample.AuthorId}}', now(), 0, 0, 0, 0, '{outages}', '{}', false, 0, now(), now()),
                       ('1862000000000000001', 'a live post', '42', now(), 0, 0, 0, 0, '{outages}', '{}', false, 0, now(), now());
                insert into artifacts (source, source_id, artifact_type, title, published_at, inserted_at, updated_at) values
                    ('arxiv', '2511.14902', 'paper', 'Sparse Routing Collapse in Mixture-of-Experts: A Diagnosis and a Two-Line Fix', now(), now(), now()),
                    ('arxiv', '2511.14898', 'paper', 'A real paper that happens to share the id', now(), now(), now()),
                    ('x', '{{sample.Id}}', 'post', 'as recorded', now(), now(), now());
                insert into cursors (query_name, since_id, updated_at) values
                    ('outages', '{{sample.Id}}', now()), ('security', '1862000000000000001', now()),
                    ('discovery:arxiv', '1764500000', now());
                """, connection);
            await seed.ExecuteNonQueryAsync();
        }

        await using (var db = Open(connectionString))
        {
            await db.Database.MigrateAsync();
            Assert.Equal(
                [("1862000000000000001", "live"), (sample.Id, "sample")],
                (await db.Signals.OrderBy(t => t.Id).Select(t => new { t.Id, t.Origin }).ToListAsync()).Select(t => (t.Id, t.Origin)));
            Assert.Equal(
                [(sample.Id, "sample"), ("2511.14898", "live"), ("2511.14902", "sample")],
                (await db.Artifacts.OrderBy(a => a.SourceId).Select(a => new { a.SourceId, a.Origin }).ToListAsync()).Select(a => (a.SourceId, a.Origin)));
            Assert.Equal(
                [("discovery:arxiv", "live", "1764500000"), ("outages", "sample", SamplePostIds.From(sample.Id)), ("security", "live", "1862000000000000001")],
                (await db.Cursors.OrderBy(c => c.QueryName).Select(c => new { c.QueryName, c.Origin, c.SinceId }).ToListAsync()).Select(c => (c.QueryName, c.Origin, c.SinceId)));
        }
    }

    private static HarvestDbContext Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<HarvestDbContext>().UseNpgsql(connectionString);
        HarvestDbContextOptions.Apply(options);
        return new HarvestDbContext(options.Options);
    }
}
