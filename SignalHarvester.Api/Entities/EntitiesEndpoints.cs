using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SignalHarvester.Api.Paging;
using SignalHarvester.Api.RateLimiting;
using SignalHarvester.Api.Security;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Api.Entities;

/// <summary>/api/v1/entities: the people, labs and organisations behind artifacts, their likely duplicates and merges.</summary>
public static class EntitiesEndpoints
{
    private const int MaxSearchCandidates = 2000;
    private const int MaxReasonLength = 1000;

    public static RouteGroupBuilder MapEntitiesEndpoints(this RouteGroupBuilder api)
    {
        var entities = api.MapGroup("/entities").WithTags("Entities");
        entities.MapGet("/", ListAsync).WithName("ListEntities").WithSummary("Entities, paged, by type and name");
        entities.MapGet("/search", SearchAsync).WithName("SearchEntities")
            .WithSummary("Entities whose name matches a query as the resolver compares names (\"Smith, J.\" finds John Smith)");
        entities.MapGet("/stats", StatsAsync).WithName("EntityStats").WithSummary("Counts by type, merges, decisions and the most prolific entities");
        entities.MapGet("/candidates", CandidatesAsync).WithName("EntityDuplicateCandidates").CostsTokens(ExpensiveReads.WholeTable)
            .WithSummary("Likely duplicate pairs above the review threshold that nobody has decided about");
        entities.MapGet("/{id:long}", GetAsync).WithName("GetEntity").WithSummary("One entity with its artifact count and merged-in aliases")
            .ProducesProblem(StatusCodes.Status404NotFound);
        entities.MapGet("/{id:long}/history", HistoryAsync).WithName("EntityHistory").WithSummary("Merge history and decisions involving an entity")
            .ProducesProblem(StatusCodes.Status404NotFound);
        entities.MapGet("/{id:long}/artifacts", ArtifactsAsync).WithName("EntityArtifacts").WithSummary("The artifacts an entity is behind, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        entities.MapPost("/merge", MergeAsync).WithName("MergeEntities").RequireScope(ApiScopes.Admin)
            .WithSummary("Merge one entity into another: its artifacts move, its row is kept as an alias, the decision is recorded")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        entities.MapPost("/decisions", DecideAsync).WithName("DecideEntityPair").RequireScope(ApiScopes.Write)
            .WithSummary("Record a decision about a pair of entities: merge, ignore, watch or needs_review")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<PagedResult<EntityResponse>>, ValidationProblem>> ListAsync(
        HarvestDbContext db, CancellationToken cancellationToken,
        string? type = null, string? search = null, int page = 1, int pageSize = 50, bool includeMerged = false)
    {
        var errors = new ValidationErrors()
            .Require(type is null || EntityTypes.All.Contains(type), "type", $"must be one of {string.Join(", ", EntityTypes.All)}")
            .Require(search is null || search.Length <= 200, "search", "must be at most 200 characters")
            .RequirePage(page, pageSize);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = EntityQueries.Filter(db, type, includeMerged);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Contains(search.Trim());
            var normalized = LikePattern.Contains(EntityNames.Normalize(search));
            query = query.Where(e => EF.Functions.ILike(e.Name, pattern, "\\") || EF.Functions.Like(e.NormalizedName, normalized, "\\"));
        }

        var total = await query.CountAsync(cancellationToken);
        if (new ValidationErrors().RequirePageWithin(page, pageSize, total) is { Any: true } beyond)
        {
            return beyond.ToProblem();
        }

        var items = await query.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip(ValidationErrors.Offset(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        var counts = await EntityQueries.ArtifactCountsAsync(db, items.Select(e => e.Id), cancellationToken);
        return TypedResults.Ok(new PagedResult<EntityResponse>(
            items.Select(e => EntityResponse.From(e, counts.GetValueOrDefault(e.Id))).ToList(), page, pageSize, total));
    }

    private static async Task<Results<Ok<EntitySearchResult>, ValidationProblem>> SearchAsync(
        HarvestDbContext db, CancellationToken cancellationToken,
        string? q = null, string? type = null, int limit = 20, bool includeMerged = false)
    {
        var words = EntityNames.Tokens(q).Where(word => word.Length > 1).Distinct(StringComparer.Ordinal).ToArray();
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(q), "q", "is required")
            .Require(q is null || q.Length <= 200, "q", "must be at most 200 characters")
            .Require(string.IsNullOrWhiteSpace(q) || words.Length > 0, "q", "must contain a word of at least two letters")
            .Require(type is null || EntityTypes.All.Contains(type), "type", $"must be one of {string.Join(", ", EntityTypes.All)}")
            .Require(limit is >= 1 and <= 100, "limit", "must be between 1 and 100");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // Narrow in SQL to names sharing a word with the query, then rank by the resolver's name similarity.
        var patterns = words.Select(word => $"%{word}%").ToArray();
        var candidates = await EntityQueries.Filter(db, type, includeMerged)
            .Where(e => patterns.Any(pattern => EF.Functions.Like(e.NormalizedName, pattern)))
            .OrderBy(e => e.Id)
            .Take(MaxSearchCandidates)
            .ToListAsync(cancellationToken);
        var ranked = candidates
            .Select(e => (Entity: e, Similarity: Math.Round(EntitySimilarity.NameSimilarity(q!, e.Name, e.EntityType), 4)))
            .Where(hit => hit.Similarity > 0)
            .OrderByDescending(hit => hit.Similarity).ThenBy(hit => hit.Entity.Name).ThenBy(hit => hit.Entity.Id)
            .Take(limit)
            .ToList();
        var counts = await EntityQueries.ArtifactCountsAsync(db, ranked.Select(hit => hit.Entity.Id), cancellationToken);
        return TypedResults.Ok(new EntitySearchResult(q!, EntityNames.Normalize(q), ranked
            .Select(hit => new EntitySearchHit(EntityResponse.From(hit.Entity, counts.GetValueOrDefault(hit.Entity.Id)), hit.Similarity))
            .ToList()));
    }

    private static async Task<Ok<EntityStats>> StatsAsync(HarvestDbContext db, CancellationToken cancellationToken)
    {
        var byTypeRows = await db.Entities.AsNoTracking()
            .GroupBy(e => new { e.EntityType, Merged = e.MergedIntoId != null })
            .Select(g => new { g.Key.EntityType, g.Key.Merged, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byType = EntityTypes.All.ToDictionary(t => t, t => byTypeRows.Where(r => r.EntityType == t && !r.Merged).Sum(r => r.Count));
        var withArtifacts = await db.ArtifactEntities.Select(l => l.EntityId).Distinct().CountAsync(cancellationToken);
        var decisions = await db.EntityMergeHistory.GroupBy(h => h.Decision)
            .Select(g => new { Decision = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Decision, g => g.Count, cancellationToken);
        var top = await db.ArtifactEntities
            .GroupBy(l => l.EntityId)
            .Select(g => new { EntityId = g.Key, Count = g.Select(l => l.ArtifactId).Distinct().Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.EntityId)
            .Take(10)
            .ToListAsync(cancellationToken);
        var topIds = top.Select(t => t.EntityId).ToList();
        var topEntities = await db.Entities.AsNoTracking().Where(e => topIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var total = byTypeRows.Sum(r => r.Count);
        var merged = byTypeRows.Where(r => r.Merged).Sum(r => r.Count);
        return TypedResults.Ok(new EntityStats(
            total,
            total - merged,
            merged,
            byType,
            withArtifacts,
            EntityDecisions.All.ToDictionary(d => d, d => decisions.GetValueOrDefault(d)),
            top.Select(t => EntityResponse.From(topEntities[t.EntityId], t.Count)).ToList()));
    }

    private static async Task<Results<Ok<DuplicateCandidates>, ValidationProblem>> CandidatesAsync(
        DuplicateFinder finder, HarvestDbContext db, IOptions<EntityResolutionOptions> resolution, CancellationToken cancellationToken,
        string? type = null, double? minSimilarity = null, int limit = 50)
    {
        var threshold = minSimilarity ?? resolution.Value.ReviewThreshold;
        var errors = new ValidationErrors()
            .Require(type is null || EntityTypes.All.Contains(type), "type", $"must be one of {string.Join(", ", EntityTypes.All)}")
            .Require(threshold is >= 0 and <= 1, "minSimilarity", "must be between 0 and 1")
            .Require(limit is >= 1 and <= 200, "limit", "must be between 1 and 200");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var pairs = await finder.FindAsync(type, threshold, limit, cancellationToken);
        var counts = await EntityQueries.ArtifactCountsAsync(db, pairs.SelectMany(p => new[] { p.First.Id, p.Second.Id }), cancellationToken);
        return TypedResults.Ok(new DuplicateCandidates(threshold, pairs.Select(p => new DuplicateCandidate(
            EntityResponse.From(p.First, counts.GetValueOrDefault(p.First.Id)),
            EntityResponse.From(p.Second, counts.GetValueOrDefault(p.Second.Id)),
            Math.Round(p.Similarity.Total, 4),
            new SimilarityComponents(p.Similarity.Name, p.Similarity.Affiliation, p.Similarity.Domain, p.Similarity.Accounts))).ToList()));
    }

    private static async Task<Results<Ok<EntityDetailResponse>, ProblemHttpResult>> GetAsync(long id, HarvestDbContext db, CancellationToken cancellationToken)
    {
        var detail = await EntityQueries.DetailAsync(db, id, cancellationToken);
        return detail is null ? EntityNotFound(id) : TypedResults.Ok(detail);
    }

    private static async Task<Results<Ok<IReadOnlyList<EntityDecisionResponse>>, ProblemHttpResult>> HistoryAsync(
        long id, HarvestDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Entities.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return EntityNotFound(id);
        }

        var decisions = await db.EntityMergeHistory.AsNoTracking()
            .Where(h => h.PrimaryEntityId == id || h.MergedEntityId == id)
            .OrderByDescending(h => h.CreatedAt).ThenByDescending(h => h.Id)
            .ToListAsync(cancellationToken);
        var names = await EntityQueries.NamesAsync(db, decisions.SelectMany(h => new[] { h.PrimaryEntityId, h.MergedEntityId }), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<EntityDecisionResponse>>(decisions.Select(h => DecisionResponse(h, names)).ToList());
    }

    private static async Task<Results<Ok<PagedResult<EntityArtifactResponse>>, ValidationProblem, ProblemHttpResult>> ArtifactsAsync(
        long id, HarvestDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = 50)
    {
        var errors = new ValidationErrors()
            .RequirePage(page, pageSize);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Entities.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return EntityNotFound(id);
        }

        var query = from link in db.ArtifactEntities
                    where link.EntityId == id
                    join artifact in db.Artifacts on link.ArtifactId equals artifact.Id
                    select new { Artifact = artifact, link.Role };
        var total = await query.CountAsync(cancellationToken);
        if (new ValidationErrors().RequirePageWithin(page, pageSize, total) is { Any: true } beyond)
        {
            return beyond.ToProblem();
        }

        var items = await query.OrderByDescending(l => l.Artifact.PublishedAt).ThenBy(l => l.Artifact.Id).ThenBy(l => l.Role)
            .Skip(ValidationErrors.Offset(page, pageSize)).Take(pageSize)
            .Select(l => new EntityArtifactResponse(
                l.Artifact.Id, l.Artifact.Source, l.Artifact.SourceId, l.Artifact.ArtifactType, l.Artifact.Title, l.Artifact.Url,
                l.Artifact.PublishedAt, l.Role, l.Artifact.Score == null ? null : l.Artifact.Score.DiscoveryScore))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<EntityArtifactResponse>(items, page, pageSize, total));
    }

    private static async Task<Results<Ok<MergeEntitiesResponse>, ValidationProblem, ProblemHttpResult>> MergeAsync(
        MergeEntitiesRequest request, EntityDecisions decisions, HarvestDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(request.PrimaryId is > 0, "primaryId", "is required and must be a positive entity id")
            .Require(request.MergedId is > 0, "mergedId", "is required and must be a positive entity id")
            .Require(request.Reason is null || request.Reason.Length <= MaxReasonLength, "reason", $"must be at most {MaxReasonLength} characters");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await decisions.DecideAsync(
            request.PrimaryId!.Value, request.MergedId!.Value, EntityDecisions.Merge, request.Reason, user.Identity?.Name, cancellationToken);
        if (outcome is not EntityMergeOutcome.Recorded recorded)
        {
            return Problem(outcome, new Dictionary<string, string> { ["primary"] = "primaryId", ["other"] = "mergedId" });
        }

        var primary = (await EntityQueries.DetailAsync(db, recorded.Decision.PrimaryEntityId, cancellationToken))!;
        var names = new Dictionary<long, string> { [primary.Entity.Id] = primary.Entity.Name };
        names[recorded.Decision.MergedEntityId] = primary.Aliases.First(a => a.Id == recorded.Decision.MergedEntityId).Name;
        return TypedResults.Ok(new MergeEntitiesResponse(primary, recorded.MovedArtifactLinks, DecisionResponse(recorded.Decision, names)));
    }

    private static async Task<Results<Created<EntityDecisionResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        EntityDecisionRequest request, EntityDecisions decisions, HarvestDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(request.EntityId is > 0, "entityId", "is required and must be a positive entity id")
            .Require(request.OtherEntityId is > 0, "otherEntityId", "is required and must be a positive entity id")
            .Require(request.EntityId is null || request.EntityId != request.OtherEntityId, "otherEntityId", "must differ from entityId")
            .Require(request.Decision is not null && EntityDecisions.All.Contains(request.Decision), "decision",
                $"is required and must be one of {string.Join(", ", EntityDecisions.All)}")
            .Require(request.Reason is null || request.Reason.Length <= MaxReasonLength, "reason", $"must be at most {MaxReasonLength} characters");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await decisions.DecideAsync(
            request.EntityId!.Value, request.OtherEntityId!.Value, request.Decision!, request.Reason, user.Identity?.Name, cancellationToken);
        if (outcome is not EntityMergeOutcome.Recorded recorded)
        {
            return Problem(outcome, new Dictionary<string, string> { ["primary"] = "entityId", ["other"] = "otherEntityId" });
        }

        var names = await EntityQueries.NamesAsync(db, [recorded.Decision.PrimaryEntityId, recorded.Decision.MergedEntityId], cancellationToken);
        return TypedResults.Created($"/api/v1/entities/{recorded.Decision.PrimaryEntityId}/history", DecisionResponse(recorded.Decision, names));
    }

    private static EntityDecisionResponse DecisionResponse(EntityMergeHistory h, IReadOnlyDictionary<long, string> names) => new(
        h.Id, h.PrimaryEntityId, names.GetValueOrDefault(h.PrimaryEntityId, ""), h.MergedEntityId, names.GetValueOrDefault(h.MergedEntityId, ""),
        h.Decision, h.Similarity, h.DecidedBy, h.Reason, h.CreatedAt);

    private static ProblemHttpResult Problem(EntityMergeOutcome outcome, IReadOnlyDictionary<string, string> fields) => outcome switch
    {
        EntityMergeOutcome.NotFound missing => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "Entity not found", detail: $"No entity with id {missing.Id} ({fields[missing.Field]})."),
        EntityMergeOutcome.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };

    private static ProblemHttpResult EntityNotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Entity not found", detail: $"No entity with id {id}.");
}
