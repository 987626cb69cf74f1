using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery;

/// <summary>
/// Resolves entity mentions to <c>entities</c> rows: an existing entity of the same type whose
/// normalised name matches and whose profile is similar enough (name, affiliation, domain) is
/// reused, otherwise a new one is created; then links it to the artifact. A mention of an entity an
/// operator merged away resolves to the entity it was merged into, so a merge is never undone by
/// the next run re-creating the duplicate.
/// </summary>
public sealed class EntityResolver(HarvestDbContext db, IOptions<DiscoveryOptions> options, IOptions<EntityResolutionOptions> resolution, TimeProvider clock)
{
    private HashSet<string>? experts;

    public async Task LinkAsync(Artifact artifact, IReadOnlyList<EntityMention> mentions, CancellationToken cancellationToken)
    {
        experts ??= options.Value.Experts.Select(EntityNames.Normalize).ToHashSet();
        var linked = new HashSet<(ResearchEntity, string)>();
        foreach (var mention in mentions)
        {
            var entity = await ResolveAsync(mention, cancellationToken);
            var role = mention.Type == "person" ? "author" : artifact.Source == SourceNames.GitHub ? "owner" : "affiliation";
            if (linked.Add((entity, role)))
            {
                db.ArtifactEntities.Add(new ArtifactEntity { ArtifactId = artifact.Id, Entity = entity, Role = role });
            }
        }
    }

    private async Task<ResearchEntity> ResolveAsync(EntityMention mention, CancellationToken cancellationToken)
    {
        var normalized = EntityNames.Normalize(mention.Name);
        var profile = new EntityProfile(mention.Name, mention.Type, mention.Affiliation, null, []);
        var candidates = db.Entities.Local
            .Where(e => e.EntityType == mention.Type && e.NormalizedName == normalized)
            .Concat(await db.Entities
                .Where(e => e.EntityType == mention.Type && e.NormalizedName == normalized)
                .ToListAsync(cancellationToken))
            .Distinct();
        var best = candidates
            .Select(e => (Entity: e, Similarity: EntitySimilarity.Compute(profile, new EntityProfile(e.Name, e.EntityType, e.Affiliation, e.Domain, []), resolution.Value)))
            .Where(c => c.Similarity >= resolution.Value.MergeThreshold)
            .OrderByDescending(c => c.Similarity)
            .ThenBy(c => c.Entity.MergedIntoId.HasValue)
            .Select(c => c.Entity)
            .FirstOrDefault();
        if (best?.MergedIntoId is { } primaryId)
        {
            return await FindAsync(primaryId, cancellationToken);
        }

        if (best is not null)
        {
            best.Affiliation ??= mention.Affiliation;
            return best;
        }

        var now = clock.GetUtcNow();
        var created = new ResearchEntity
        {
            EntityType = mention.Type,
            Name = mention.Name,
            NormalizedName = normalized,
            Affiliation = mention.Affiliation,
            ExpertiseScore = experts!.Contains(normalized) ? 1.0 : 0.0,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Entities.Add(created);
        return created;
    }

    // Merges re-point earlier aliases at the new primary, so one hop reaches an active entity.
    private async Task<ResearchEntity> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Entities.Local.FirstOrDefault(e => e.Id == id) ?? await db.Entities.FirstAsync(e => e.Id == id, cancellationToken);
}
