using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Entities;

/// <summary>The entity reads more than one /entities endpoint shares: the list's filter, one entity in detail, names and artifact counts by id.</summary>
internal static class EntityQueries
{
    /// <summary>Entities of a type (any when null), without the merged-away ones unless asked for.</summary>
    public static IQueryable<ResearchEntity> Filter(HarvestDbContext db, string? type, bool includeMerged)
    {
        var query = db.Entities.AsNoTracking();
        if (!includeMerged)
        {
            query = query.Where(e => e.MergedIntoId == null);
        }

        return type is null ? query : query.Where(e => e.EntityType == type);
    }

    /// <summary>One entity with its artifact count and the entities merged into it; null when there is none with the id.</summary>
    public static async Task<EntityDetailResponse?> DetailAsync(HarvestDbContext db, long id, CancellationToken cancellationToken)
    {
        var entity = await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var counts = await ArtifactCountsAsync(db, [id], cancellationToken);
        var aliases = await db.Entities.AsNoTracking().Where(e => e.MergedIntoId == id).OrderBy(e => e.Id)
            .Select(e => new EntityAlias(e.Id, e.Name, e.Affiliation))
            .ToListAsync(cancellationToken);
        return new EntityDetailResponse(EntityResponse.From(entity, counts.GetValueOrDefault(id)), aliases);
    }

    /// <summary>Entity names by id.</summary>
    public static Task<Dictionary<long, string>> NamesAsync(HarvestDbContext db, IEnumerable<long> entityIds, CancellationToken cancellationToken)
    {
        var ids = entityIds.Distinct().ToList();
        return db.Entities.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
    }

    /// <summary>Distinct artifacts per entity (an entity can be both author and owner of one artifact).</summary>
    public static async Task<Dictionary<long, int>> ArtifactCountsAsync(HarvestDbContext db, IEnumerable<long> entityIds, CancellationToken cancellationToken)
    {
        var ids = entityIds.Distinct().ToList();
        return await db.ArtifactEntities.Where(l => ids.Contains(l.EntityId))
            .GroupBy(l => l.EntityId)
            .Select(g => new { g.Key, Count = g.Select(l => l.ArtifactId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }
}
