using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Api.Relationships;

/// <summary>
/// Links between artifacts: /api/v1/artifacts/{id}/relationships and /citation-graph, and
/// /api/v1/relationships/stats.
/// </summary>
public static class ArtifactRelationshipsEndpoints
{
    /// <summary>A graph bigger than this is cut off (and flagged) rather than returned whole.</summary>
    public const int MaxGraphNodes = 200;

    private static readonly string[] Directions = ["in", "out", "both"];

    public static RouteGroupBuilder MapArtifactRelationshipsEndpoints(this RouteGroupBuilder api)
    {
        var artifacts = api.MapGroup("/artifacts").WithTags("Relationships");
        artifacts.MapGet("/{id:long}/relationships", RelationshipsAsync).WithName("ArtifactRelationships")
            .WithSummary("An artifact's relationships, incoming, outgoing or both");
        artifacts.MapGet("/{id:long}/citation-graph", CitationGraphAsync).WithName("ArtifactCitationGraph")
            .WithSummary("The artifacts within 1 to 3 links of an artifact, and the links among them");
        api.MapGroup("/relationships").WithTags("Relationships")
            .MapGet("/stats", StatsAsync).WithName("RelationshipStats").WithSummary("Relationship counts by type, detection method and source pair");
        return api;
    }

    private static async Task<Results<Ok<ArtifactRelationshipsResponse>, ValidationProblem, ProblemHttpResult>> RelationshipsAsync(
        long id, HarvestDbContext db, CancellationToken cancellationToken, string direction = "both", string? type = null, int limit = 100)
    {
        var errors = new ValidationErrors();
        errors.Require(Directions.Contains(direction), "direction", "must be in, out or both");
        errors.Require(type is null || RelationshipTypes.All.Contains(type), "type", $"must be one of {string.Join(", ", RelationshipTypes.All)}");
        errors.Require(limit is >= 1 and <= 500, "limit", "must be between 1 and 500");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Artifacts.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ArtifactNotFound(id);
        }

        var (outgoing, incoming) = (direction is "out" or "both", direction is "in" or "both");
        var query = db.ArtifactRelationships.AsNoTracking()
            .Where(r => (outgoing && r.SourceArtifactId == id) || (incoming && r.TargetArtifactId == id));
        if (type is not null)
        {
            query = query.Where(r => r.RelationshipType == type);
        }

        var links = await query.OrderByDescending(r => r.Confidence).ThenBy(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        var others = await RelationshipQueries.ArtifactReferencesAsync(db, links.Select(r => r.SourceArtifactId == id ? r.TargetArtifactId : r.SourceArtifactId), cancellationToken);
        var items = links.Select(r =>
        {
            var isOutgoing = r.SourceArtifactId == id;
            return new RelationshipResponse(
                r.Id, isOutgoing ? "out" : "in", r.RelationshipType, r.Confidence, r.DetectionMethod, r.CreatedAt,
                others[isOutgoing ? r.TargetArtifactId : r.SourceArtifactId]);
        }).ToList();
        return TypedResults.Ok(new ArtifactRelationshipsResponse(id, items));
    }

    private static async Task<Results<Ok<CitationGraphResponse>, ValidationProblem, ProblemHttpResult>> CitationGraphAsync(
        long id, HarvestDbContext db, CancellationToken cancellationToken, int depth = 1, bool includeRelated = false)
    {
        if (new ValidationErrors().Require(depth is >= 1 and <= 3, "depth", "must be between 1 and 3") is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        if (!await db.Artifacts.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ArtifactNotFound(id);
        }

        // Breadth first, both directions; semantic "related" links are not citations unless asked for.
        var distances = new Dictionary<long, int> { [id] = 0 };
        var edges = new Dictionary<long, ArtifactRelationship>();
        var frontier = new List<long> { id };
        var truncated = false;
        for (var level = 1; level <= depth && frontier.Count > 0 && !truncated; level++)
        {
            var current = frontier;
            var links = await db.ArtifactRelationships.AsNoTracking()
                .Where(r => current.Contains(r.SourceArtifactId) || current.Contains(r.TargetArtifactId))
                .Where(r => includeRelated || r.RelationshipType != RelationshipTypes.Related)
                .OrderByDescending(r => r.Confidence).ThenBy(r => r.Id)
                .ToListAsync(cancellationToken);
            frontier = [];
            foreach (var link in links)
            {
                foreach (var end in new[] { link.SourceArtifactId, link.TargetArtifactId }.Where(end => !distances.ContainsKey(end)))
                {
                    if (distances.Count >= MaxGraphNodes)
                    {
                        truncated = true;
                        continue;
                    }

                    distances[end] = level;
                    frontier.Add(end);
                }

                if (distances.ContainsKey(link.SourceArtifactId) && distances.ContainsKey(link.TargetArtifactId))
                {
                    edges[link.Id] = link;
                }
            }
        }

        var nodes = await RelationshipQueries.ArtifactReferencesAsync(db, distances.Keys, cancellationToken);
        return TypedResults.Ok(new CitationGraphResponse(
            id, depth, truncated,
            distances.OrderBy(d => d.Value).ThenBy(d => d.Key).Select(d => new CitationGraphNode(nodes[d.Key], d.Value)).ToList(),
            edges.Values.OrderBy(e => e.Id)
                .Select(e => new CitationGraphEdge(e.Id, e.SourceArtifactId, e.TargetArtifactId, e.RelationshipType, e.Confidence)).ToList()));
    }

    private static async Task<Ok<RelationshipStatsResponse>> StatsAsync(HarvestDbContext db, CancellationToken cancellationToken)
    {
        var byType = await db.ArtifactRelationships
            .GroupBy(r => r.RelationshipType)
            .Select(g => new { g.Key, Count = g.Count(), Confidence = g.Average(r => r.Confidence) })
            .ToListAsync(cancellationToken);
        var byMethod = await db.ArtifactRelationships
            .GroupBy(r => r.DetectionMethod)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var bySourcePair = await db.ArtifactRelationships
            .Join(db.Artifacts, r => r.SourceArtifactId, a => a.Id, (r, from) => new { r.TargetArtifactId, From = from.Source })
            .Join(db.Artifacts, r => r.TargetArtifactId, a => a.Id, (r, to) => new { r.From, To = to.Source })
            .GroupBy(p => new { p.From, p.To })
            .Select(g => new { g.Key.From, g.Key.To, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new RelationshipStatsResponse(
            byType.Sum(t => t.Count),
            RelationshipTypes.All.ToDictionary(t => t, t => byType.FirstOrDefault(b => b.Key == t)?.Count ?? 0),
            byMethod,
            bySourcePair.OrderByDescending(p => p.Count).ThenBy(p => p.From).ThenBy(p => p.To).Select(p => new SourcePairCount(p.From, p.To, p.Count)).ToList(),
            byType.ToDictionary(t => t.Key, t => Math.Round(t.Confidence, 4))));
    }

    private static ProblemHttpResult ArtifactNotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Artifact not found", detail: $"No artifact with id {id}.");

}
