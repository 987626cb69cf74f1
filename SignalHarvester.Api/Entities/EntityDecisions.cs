using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;
using SignalHarvester.Data.Caching;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Api.Entities;

/// <summary>
/// Records decisions about pairs of entities. A merge moves the merged entity's artifact links to the
/// primary, points the merged entity (and whatever had been merged into it) at the primary, fills the
/// primary's missing profile fields from it and writes the decision, all in one transaction; the
/// merged row is kept so history and old links stay readable.
/// </summary>
internal sealed class EntityDecisions(HarvestDbContext db, EntitySimilarity similarity, IOutputCacheStore responseCache, TimeProvider clock)
{
    public const string Merge = "merge";

    public static IReadOnlyList<string> All { get; } = [Merge, "ignore", "watch", "needs_review"];

    public async Task<EntityMergeOutcome> DecideAsync(
        long primaryId, long otherId, string decision, string? reason, string? decidedBy, CancellationToken cancellationToken)
    {
        var outcome = await RecordAsync(primaryId, otherId, decision, reason, decidedBy, cancellationToken);
        if (outcome is EntityMergeOutcome.Recorded && decision == Merge)
        {
            // Cached discovery details list the artifacts' entities, which a merge just changed.
            await responseCache.EvictByTagAsync(ResponseCacheTags.Discoveries, cancellationToken);
        }

        return outcome;
    }

    private Task<EntityMergeOutcome> RecordAsync(
        long primaryId, long otherId, string decision, string? reason, string? decidedBy, CancellationToken cancellationToken) =>
        // The database connection retries transient failures; a user transaction must then be retried as a whole.
        db.Database.CreateExecutionStrategy().ExecuteAsync<EntityMergeOutcome>(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var ids = new[] { primaryId, otherId };
            // Row locks in id order: concurrent merges of the same entities queue instead of both succeeding.
            var rows = await db.Entities.FromSql($"SELECT * FROM entities WHERE id = ANY({ids}) ORDER BY id FOR UPDATE").ToListAsync(ct);
            var primary = rows.FirstOrDefault(e => e.Id == primaryId);
            var other = rows.FirstOrDefault(e => e.Id == otherId);
            if (primary is null)
            {
                return new EntityMergeOutcome.NotFound("primary", primaryId);
            }

            if (other is null)
            {
                return new EntityMergeOutcome.NotFound("other", otherId);
            }

            var moved = 0;
            if (decision == Merge)
            {
                if (MergeConflict(primary, other) is { } conflict)
                {
                    return conflict;
                }

                moved = await MergeAsync(primary, other, ct);
            }

            var record = new EntityMergeHistory
            {
                PrimaryEntityId = primary.Id,
                MergedEntityId = other.Id,
                Decision = decision,
                Similarity = Math.Round(similarity.Explain(EntityProfiles.Of(primary), EntityProfiles.Of(other)).Total, 4),
                DecidedBy = decidedBy,
                Reason = reason,
                CreatedAt = clock.GetUtcNow(),
            };
            db.EntityMergeHistory.Add(record);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new EntityMergeOutcome.Recorded(record, moved);
        }, cancellationToken);

    private static EntityMergeOutcome.Conflict? MergeConflict(ResearchEntity primary, ResearchEntity merged) =>
        primary.Id == merged.Id
            ? new("Cannot merge an entity into itself", $"Entity {primary.Id} is both the primary and the merged entity.")
        : merged.MergedIntoId is { } into
            ? new("Entity already merged", $"Entity {merged.Id} was already merged into entity {into}.")
        : primary.MergedIntoId is { } primaryInto
            ? new("Entity already merged", $"Entity {primary.Id} was merged into entity {primaryInto}; merge into that one instead.")
        : (primary.EntityType == EntityTypes.Person) != (merged.EntityType == EntityTypes.Person)
            ? new("Entities of different kinds", $"A {merged.EntityType} cannot be merged into a {primary.EntityType}.")
        : null;

    private async Task<int> MergeAsync(ResearchEntity primary, ResearchEntity merged, CancellationToken cancellationToken)
    {
        // A link the primary already has (same artifact and role) is not duplicated.
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO artifact_entities (artifact_id, entity_id, role)
             SELECT artifact_id, {primary.Id}, role FROM artifact_entities WHERE entity_id = {merged.Id}
             ON CONFLICT DO NOTHING
             """,
            cancellationToken);
        var moved = await db.ArtifactEntities.Where(l => l.EntityId == merged.Id).ExecuteDeleteAsync(cancellationToken);

        var now = clock.GetUtcNow();
        // Aliases of the merged entity follow it, so merged_into_id always names a surviving entity.
        await db.Entities.Where(e => e.MergedIntoId == merged.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.MergedIntoId, primary.Id).SetProperty(e => e.UpdatedAt, now), cancellationToken);
        merged.MergedIntoId = primary.Id;
        merged.UpdatedAt = now;
        primary.Affiliation ??= merged.Affiliation;
        primary.HomepageUrl ??= merged.HomepageUrl;
        primary.Domain ??= merged.Domain;
        primary.ExpertiseScore = Math.Max(primary.ExpertiseScore, merged.ExpertiseScore);
        primary.UpdatedAt = now;
        return moved;
    }
}
