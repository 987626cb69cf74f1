using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Caching;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Api.Discoveries;

/// <summary>/api/v1/discoveries: scored research artifacts, best first, keyset-paginated with an opaque cursor.</summary>
public static class DiscoveriesEndpoints
{
    public static RouteGroupBuilder MapDiscoveriesEndpoints(this RouteGroupBuilder api)
    {
        var discoveries = api.MapGroup("/discoveries").WithTags("Discoveries");
        discoveries.MapGet("/", ListAsync).WithName("ListDiscoveries").WithSummary("Discoveries at or above a score, best first")
            .CacheOutput(ResponseCacheTags.Discoveries);
        discoveries.MapGet("/{id:long}", GetAsync).WithName("GetDiscovery").WithSummary("One discovery with its score explained")
            .CacheOutput(ResponseCacheTags.Discoveries);
        return api;
    }

    private static async Task<Results<Ok<KeysetPage<DiscoveryResponse>>, ValidationProblem>> ListAsync(
        HarvestDbContext db, CancellationToken cancellationToken,
        double minScore = 0, int limit = 50, string? source = null, string? cursor = null, string? origin = null)
    {
        (double Score, long Id)? after = cursor is null ? null : DecodeCursor(cursor);
        // "not (< 0 or > 100)" rather than ">= 0 and <= 100": NaN has always passed this check (and matches nothing).
        var errors = new ValidationErrors()
            .Require(minScore is not (< 0 or > 100), "minScore", "must be between 0 and 100")
            .Require(limit is >= 1 and <= 200, "limit", "must be between 1 and 200")
            .Require(origin is null || DataOrigin.All.Contains(origin), "origin", $"must be one of {string.Join(", ", DataOrigin.All)}")
            .Require(cursor is null || after is not null, "cursor", "is not one this API issued");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Artifacts.AsNoTracking()
            .Include(a => a.Score).Include(a => a.Classification)
            .Where(a => a.Score != null && a.Score.DiscoveryScore >= minScore);
        if (!string.IsNullOrWhiteSpace(source))
        {
            query = query.Where(a => a.Source == source);
        }

        if (origin is not null)
        {
            query = query.Where(a => a.Origin == origin);
        }

        if (after is { } position)
        {
            query = query.Where(a => a.Score!.DiscoveryScore < position.Score
                                     || (a.Score.DiscoveryScore == position.Score && a.Id < position.Id));
        }

        var items = await query.OrderByDescending(a => a.Score!.DiscoveryScore).ThenByDescending(a => a.Id)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var next = items.Count > limit ? EncodeCursor(items[limit - 1].Score!.DiscoveryScore, items[limit - 1].Id) : null;
        return TypedResults.Ok(new KeysetPage<DiscoveryResponse>(items.Take(limit).Select(DiscoveryResponse.From).ToList(), next));
    }

    private static async Task<Results<Ok<DiscoveryDetailResponse>, ProblemHttpResult>> GetAsync(
        long id, HarvestDbContext db, IOptions<DiscoveryScoringOptions> scoring, CancellationToken cancellationToken)
    {
        var artifact = await db.Artifacts.AsNoTracking()
            .Include(a => a.Score).Include(a => a.Classification)
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (artifact is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Discovery not found", detail: $"No artifact with id {id}.");
        }

        var entities = await db.ArtifactEntities.AsNoTracking()
            .Where(l => l.ArtifactId == id)
            .Select(l => new DiscoveryEntity(l.Entity.Id, l.Entity.Name, l.Entity.EntityType, l.Role, l.Entity.Affiliation))
            .ToListAsync(cancellationToken);
        var weights = scoring.Value;
        return TypedResults.Ok(new DiscoveryDetailResponse(
            DiscoveryResponse.From(artifact),
            artifact.Text,
            artifact.Classification?.Reasoning,
            artifact.Classification?.ClassifiedBy,
            artifact.Classification?.Fallback ?? false,
            entities,
            new ScoreWeights(weights.NoveltyWeight, weights.EmergenceWeight, weights.ObscurityWeight, weights.RecencyTimeConstantHours)));
    }

    // Opaque to clients; round-trip exact so no item is skipped or repeated between pages.
    private static string EncodeCursor(double score, long id) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{score.ToString("R", CultureInfo.InvariantCulture)}|{id}"));

    private static (double, long)? DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)).Split('|');
            return parts.Length == 2
                   && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (score, id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
