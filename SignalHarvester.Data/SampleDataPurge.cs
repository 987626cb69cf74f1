using Microsoft.EntityFrameworkCore;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Data;

/// <summary>What <see cref="SampleDataPurge.RunAsync"/> removed.</summary>
public sealed record SampleDataPurgeResult(int Posts, int Artifacts, int Cursors, int Entities, int TopicsRecounted);

/// <summary>
/// Removes every row of <see cref="DataOrigin.Sample"/> origin in one transaction: sample posts,
/// sample artifacts (with what hangs off them: classifications, scores, topic and entity links,
/// relationships, labels), the sample cursors, and the entities that only sample artifacts named.
/// Topics the sample artifacts belonged to are recounted. Live rows are never touched.
/// </summary>
public static class SampleDataPurge
{
    /// <summary>
    /// Purges the sample data when its newest item (post or artifact) is dated before
    /// <paramref name="newestBefore"/>: sample rows keep the dates they were stored with, so an old
    /// sample no longer looks recent. Null when there is no sample data, or it is fresh.
    /// </summary>
    public static async Task<SampleDataPurgeResult?> RunIfOlderThanAsync(HarvestDbContext db, DateTimeOffset newestBefore, CancellationToken cancellationToken)
    {
        var newestPost = await db.Signals.Where(t => t.Origin == DataOrigin.Sample).MaxAsync(t => (DateTimeOffset?)t.CreatedAt, cancellationToken);
        var newestArtifact = await db.Artifacts.Where(a => a.Origin == DataOrigin.Sample).MaxAsync(a => (DateTimeOffset?)a.PublishedAt, cancellationToken);
        var newest = newestArtifact is null || newestPost > newestArtifact ? newestPost : newestArtifact;
        return newest < newestBefore ? await RunAsync(db, cancellationToken) : null;
    }

    public static Task<SampleDataPurgeResult> RunAsync(HarvestDbContext db, CancellationToken cancellationToken) =>
        // The retrying strategy replays the whole transaction, never half of it.
        db.Database.CreateExecutionStrategy().ExecuteAsync(() => PurgeAsync(db, cancellationToken));

    private static async Task<SampleDataPurgeResult> PurgeAsync(HarvestDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sampleArtifacts = db.Artifacts.Where(a => a.Origin == DataOrigin.Sample);
        var entities = await db.ArtifactEntities.Where(l => sampleArtifacts.Any(a => a.Id == l.ArtifactId))
            .Select(l => l.EntityId).Distinct().ToListAsync(cancellationToken);
        var topics = await db.ArtifactTopics.Where(l => sampleArtifacts.Any(a => a.Id == l.ArtifactId))
            .Select(l => l.TopicId).Distinct().ToListAsync(cancellationToken);

        var posts = await db.Signals.Where(t => t.Origin == DataOrigin.Sample).ExecuteDeleteAsync(cancellationToken);
        var artifacts = await sampleArtifacts.ExecuteDeleteAsync(cancellationToken);
        var cursors = await db.Cursors.Where(c => c.Origin == DataOrigin.Sample).ExecuteDeleteAsync(cancellationToken);

        // Entities the samples alone named; one with merge history or merged entities keeps its row for that history.
        var orphans = await db.Entities
            .Where(e => entities.Contains(e.Id)
                        && e.MergedIntoId == null
                        && !db.ArtifactEntities.Any(l => l.EntityId == e.Id)
                        && !db.Entities.Any(m => m.MergedIntoId == e.Id)
                        && !db.EntityMergeHistory.Any(h => h.PrimaryEntityId == e.Id || h.MergedEntityId == e.Id))
            .ExecuteDeleteAsync(cancellationToken);
        var recounted = await db.Topics.Where(t => topics.Contains(t.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ArtifactCount, t => db.ArtifactTopics.Count(l => l.TopicId == t.Id)), cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new SampleDataPurgeResult(posts, artifacts, cursors, orphans, recounted);
    }
}
