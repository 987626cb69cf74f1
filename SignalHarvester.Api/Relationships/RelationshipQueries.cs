using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;

namespace SignalHarvester.Api.Relationships;

/// <summary>The reads both relationship endpoints share.</summary>
internal static class RelationshipQueries
{
    /// <summary>The artifacts at either end of relationships, by id, as a relationship response names them.</summary>
    public static Task<Dictionary<long, ArtifactReferenceResponse>> ArtifactReferencesAsync(HarvestDbContext db, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return db.Artifacts.AsNoTracking()
            .Where(a => wanted.Contains(a.Id))
            .Select(a => new ArtifactReferenceResponse(a.Id, a.Source, a.SourceId, a.ArtifactType, a.Title, a.Url))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
    }
}
