using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Migrations;

/// <summary><c>purge-samples</c> from a plain shell against a migrated scratch database holding live and sample rows side by side.</summary>
[Collection(SampleMigrationCollection.Name)]
public sealed class PurgeSamplesVerbTests(PostgresOnlyStackFixture stack) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly ScratchDatabases scratch = new(stack);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scratch.DisposeAsync();

    [Fact]
    public async Task Removes_exactly_the_sample_rows_and_what_only_they_produced()
    {
        var url = await scratch.NewDatabaseUrlAsync();
        var migrate = await MigrationCli.RunOnAsync(url, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Seeded seeded;
        await using (var db = Open(url))
        {
            seeded = await SeedAsync(db);
        }

        var before = await LiveRowsAsync(url);
        var purge = await MigrationCli.RunOnAsync(url, "purge-samples");

        Assert.True(purge.ExitCode == 0, purge.ToString());
        Assert.Contains("Removed sample data: 2 posts, 2 artifacts, 2 cursors, 1 entities named only by samples; 2 topics recounted.", purge.Output);
        await using var after = Open(url);
        Assert.Empty(await after.Signals.Where(t => t.Origin == DataOrigin.Sample).ToListAsync());
        Assert.Empty(await after.Artifacts.Where(a => a.Origin == DataOrigin.Sample).ToListAsync());
        Assert.Empty(await after.Cursors.Where(c => c.Origin == DataOrigin.Sample).ToListAsync());
        // Everything live is exactly as it was, children included.
        Assert.Equal(before, await LiveRowsAsync(url));
        // The entity only the samples named is gone; the one a live artifact shares and the one with merge history stay.
        Assert.Equal([seeded.SharedEntity, seeded.HistoryEntity, seeded.HistoryPrimary], await after.Entities.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        Assert.Equal(1, (await after.Topics.SingleAsync(t => t.Id == seeded.SharedTopic)).ArtifactCount);
        Assert.Equal(0, (await after.Topics.SingleAsync(t => t.Id == seeded.SampleTopic)).ArtifactCount);

        var again = await MigrationCli.RunOnAsync(url, "purge-samples");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Removed sample data: 0 posts, 0 artifacts, 0 cursors, 0 entities", again.Output);
    }

    [Fact]
    public async Task Samples_are_purged_at_start_only_once_their_newest_item_is_older_than_the_limit()
    {
        var url = await scratch.NewDatabaseUrlAsync();
        var migrate = await MigrationCli.RunOnAsync(url, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        await using var db = Open(url);
        await SeedAsync(db);

        // Every item is dated At: fresh for a limit before it, stale for one after it.
        Assert.Null(await SampleDataPurge.RunIfOlderThanAsync(db, At.AddHours(-1), CancellationToken.None));
        Assert.Equal(2, await db.Signals.CountAsync(t => t.Origin == DataOrigin.Sample));
        var removed = await SampleDataPurge.RunIfOlderThanAsync(db, At.AddHours(1), CancellationToken.None);

        Assert.Equal((2, 2), (removed!.Posts, removed.Artifacts));
        Assert.Equal(0, await db.Signals.CountAsync(t => t.Origin == DataOrigin.Sample));
        Assert.Equal(1, await db.Signals.CountAsync(t => t.Origin == DataOrigin.Live));
        Assert.Null(await SampleDataPurge.RunIfOlderThanAsync(db, At.AddDays(30), CancellationToken.None));
    }

    [Fact]
    public async Task An_unmigrated_database_is_one_readable_error_line_and_a_non_zero_exit()
    {
        var url = await scratch.NewEmptyDatabaseUrlAsync();

        var purge = await MigrationCli.RunOnAsync(url, "purge-samples");

        Assert.NotEqual(0, purge.ExitCode);
        var line = Assert.Single(purge.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: PostgreSQL 42P01", line, StringComparison.Ordinal);
    }

    private sealed record Seeded(long SharedEntity, long HistoryEntity, long HistoryPrimary, long SharedTopic, long SampleTopic);

    private static HarvestDbContext Open(string url)
    {
        var options = new DbContextOptionsBuilder<HarvestDbContext>().UseNpgsql(DatabaseUrl.ToConnectionString(url));
        HarvestDbContextOptions.Apply(options);
        return new HarvestDbContext(options.Options);
    }

    // A live paper and a sample paper with the same arXiv id, a sample story, posts and cursors of both origins,
    // and what hangs off artifacts: scores, topics, entity links, a relationship, labels.
    private static async Task<Seeded> SeedAsync(HarvestDbContext db)
    {
        db.Signals.AddRange(
            Signal("1862000000000000001", DataOrigin.Live),
            Signal("91862000000000000001", DataOrigin.Sample),
            Signal("91862000000000000002", DataOrigin.Sample));
        db.Cursors.AddRange(
            new Cursor { QueryName = "outages", Origin = DataOrigin.Live, SinceId = "1862000000000000001", UpdatedAt = At },
            new Cursor { QueryName = "outages", Origin = DataOrigin.Sample, SinceId = "91862000000000000002", UpdatedAt = At },
            new Cursor { QueryName = "discovery:arxiv", Origin = DataOrigin.Sample, SinceId = "1764500000", UpdatedAt = At });
        var livePaper = Artifact("arxiv", "2511.14902", DataOrigin.Live);
        var samplePaper = Artifact("arxiv", "2511.14902", DataOrigin.Sample);
        var sampleStory = Artifact("hackernews", "44210877", DataOrigin.Sample);
        db.Artifacts.AddRange(livePaper, samplePaper, sampleStory);
        var sharedTopic = new Topic { Name = "ai/ml", CreatedAt = At, ArtifactCount = 2 };
        var sampleTopic = new Topic { Name = "ai/nlp", CreatedAt = At, ArtifactCount = 1 };
        db.Topics.AddRange(sharedTopic, sampleTopic);
        var shared = Entity("Ada Lovelace");
        var sampleOnly = Entity("Sample Person");
        var withHistory = Entity("Merged Person");
        var primary = Entity("Primary Person");
        db.Entities.AddRange(shared, sampleOnly, withHistory, primary);
        await db.SaveChangesAsync();

        db.Scores.AddRange(Score(livePaper), Score(samplePaper), Score(sampleStory));
        db.ArtifactTopics.AddRange(
            new ArtifactTopic { ArtifactId = livePaper.Id, TopicId = sharedTopic.Id, Confidence = 0.9, AssignedAt = At },
            new ArtifactTopic { ArtifactId = samplePaper.Id, TopicId = sharedTopic.Id, Confidence = 0.9, AssignedAt = At },
            new ArtifactTopic { ArtifactId = sampleStory.Id, TopicId = sampleTopic.Id, Confidence = 0.5, AssignedAt = At });
        db.ArtifactEntities.AddRange(
            new ArtifactEntity { ArtifactId = livePaper.Id, EntityId = shared.Id, Role = "author" },
            new ArtifactEntity { ArtifactId = samplePaper.Id, EntityId = shared.Id, Role = "author" },
            new ArtifactEntity { ArtifactId = samplePaper.Id, EntityId = sampleOnly.Id, Role = "author" },
            new ArtifactEntity { ArtifactId = sampleStory.Id, EntityId = withHistory.Id, Role = "author" });
        db.EntityMergeHistory.Add(new EntityMergeHistory
        {
            PrimaryEntityId = primary.Id, MergedEntityId = withHistory.Id, Decision = "ignore", Similarity = 0.7, CreatedAt = At,
        });
        db.ArtifactRelationships.Add(new ArtifactRelationship
        {
            SourceArtifactId = sampleStory.Id, TargetArtifactId = samplePaper.Id, RelationshipType = "discusses", Confidence = 0.9,
            DetectionMethod = "arxiv_id", CreatedAt = At,
        });
        db.DiscoveryLabels.AddRange(
            new DiscoveryLabel { ArtifactId = livePaper.Id, Label = "relevant", CreatedAt = At, UpdatedAt = At },
            new DiscoveryLabel { ArtifactId = samplePaper.Id, Label = "irrelevant", CreatedAt = At, UpdatedAt = At });
        await db.SaveChangesAsync();
        return new Seeded(shared.Id, withHistory.Id, primary.Id, sharedTopic.Id, sampleTopic.Id);
    }

    // Every live row and every row hanging off a live artifact, as text, for a before/after comparison.
    private async Task<List<string>> LiveRowsAsync(string url)
    {
        await using var db = Open(url);
        var rows = new List<string>();
        rows.AddRange(await db.Signals.Where(t => t.Origin == DataOrigin.Live).OrderBy(t => t.Id).Select(t => $"tweet {t.Id} {t.Text} {t.UpdatedAt:O}").ToListAsync());
        rows.AddRange(await db.Cursors.Where(c => c.Origin == DataOrigin.Live).OrderBy(c => c.QueryName).Select(c => $"cursor {c.QueryName} {c.SinceId}").ToListAsync());
        rows.AddRange(await db.Artifacts.Where(a => a.Origin == DataOrigin.Live).OrderBy(a => a.Id)
            .Select(a => $"artifact {a.Id} {a.Source} {a.SourceId} {a.Title} score {a.Score!.DiscoveryScore} topics {a.Topics.Count}").ToListAsync());
        rows.AddRange(await db.ArtifactEntities.Where(l => db.Artifacts.Any(a => a.Id == l.ArtifactId && a.Origin == DataOrigin.Live))
            .OrderBy(l => l.EntityId).Select(l => $"link {l.ArtifactId} {l.EntityId}").ToListAsync());
        rows.AddRange(await db.DiscoveryLabels.OrderBy(l => l.Id).Where(l => db.Artifacts.Any(a => a.Id == l.ArtifactId && a.Origin == DataOrigin.Live))
            .Select(l => $"label {l.ArtifactId} {l.Label}").ToListAsync());
        Assert.Equal(5, rows.Count);
        return rows;
    }

    private static Signal Signal(string id, string origin) => new()
    {
        Id = id, Origin = origin, Text = $"post {id}", CreatedAt = At, InsertedAt = At, UpdatedAt = At,
    };

    private static Artifact Artifact(string source, string sourceId, string origin) => new()
    {
        Source = source, SourceId = sourceId, Origin = origin, ArtifactType = source == "arxiv" ? "paper" : "story",
        Title = $"{origin} {source} {sourceId}", PublishedAt = At, InsertedAt = At, UpdatedAt = At,
    };

    private static ResearchEntity Entity(string name) => new()
    {
        EntityType = "person", Name = name, NormalizedName = name.ToLowerInvariant(), CreatedAt = At, UpdatedAt = At,
    };

    private static ArtifactScore Score(Artifact artifact) => new() { ArtifactId = artifact.Id, DiscoveryScore = 42, ComputedAt = At };
}
