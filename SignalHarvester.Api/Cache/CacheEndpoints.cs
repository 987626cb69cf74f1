using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using SignalHarvester.Api.Security;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data.Caching;

namespace SignalHarvester.Api.Cache;

/// <summary>/api/v1/cache: the shared response cache, for operators (API key required).</summary>
public static class CacheEndpoints
{
    public static RouteGroupBuilder MapCacheEndpoints(this RouteGroupBuilder api)
    {
        var cache = api.MapGroup("/cache").WithTags("Cache").RequireScope(ApiScopes.Admin);
        cache.MapGet("/stats", StatsAsync).WithName("CacheStats")
            .WithSummary("Hits, misses and hit ratio across all replicas, cached entries in total and per tag, Redis memory");
        cache.MapPost("/invalidate", InvalidateAsync).WithName("InvalidateCache")
            .WithSummary("Evict the cached responses of one tag, or of every tag when none is given");
        return api;
    }

    private static async Task<Results<Ok<ResponseCacheSnapshot>, ProblemHttpResult>> StatsAsync(ResponseCacheStatistics statistics)
    {
        try
        {
            return TypedResults.Ok(await statistics.ReadAsync());
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cache unavailable",
                detail: "Redis does not answer; responses are served uncached until it returns.");
        }
    }

    private static async Task<Results<Ok<CacheInvalidation>, ValidationProblem>> InvalidateAsync(
        IOutputCacheStore store, CancellationToken cancellationToken, string? tag = null)
    {
        var errors = new ValidationErrors()
            .Require(tag is null || ResponseCacheTags.All.Contains(tag), "tag", $"must be one of {string.Join(", ", ResponseCacheTags.All)}");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var tags = tag is null ? ResponseCacheTags.All : [tag];
        foreach (var evicted in tags)
        {
            await store.EvictByTagAsync(evicted, cancellationToken);
        }

        return TypedResults.Ok(new CacheInvalidation(tags));
    }
}
