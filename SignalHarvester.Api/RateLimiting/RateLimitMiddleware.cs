using System.Globalization;
using Microsoft.Extensions.Options;
using SignalHarvester.Api.Security;
using StackExchange.Redis;

namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// Limits every request (health probes and metric scrapes are not charged, see <see cref="IsFree"/>)
/// per client and puts <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> and
/// <c>X-RateLimit-Reset</c> on every response — success, client error, server error, health and
/// metrics alike. The headers
/// are written when the response starts, so they survive the exception handler clearing the
/// response for a 500. A rejected request gets 429 ProblemDetails with <c>Retry-After</c>.
/// Decisions come from Redis (shared by all replicas); while Redis is unreachable an in-process
/// limiter with the same limits decides and the <c>redis</c> health check reports Degraded.
/// </summary>
public sealed partial class RateLimitMiddleware(
    RequestDelegate next,
    RedisTokenBucket shared,
    InProcessTokenBuckets local,
    ApiKeyStore keys,
    IOptionsMonitor<RateLimitingOptions> options,
    IProblemDetailsService problemDetails,
    ILogger<RateLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var free = IsFree(context.Request.Path);
        var decision = await DecideAsync(Partition(context), cost: free ? 0 : 1);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = decision.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
            if (!decision.Allowed && !free)
            {
                headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });

        if (decision.Allowed || free)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The limit of {decision.Limit} requests per minute is used up; retry in {decision.RetryAfterSeconds} s.",
            },
        });
    }

    /// <summary>
    /// Health probes and Prometheus scrapes cost no token and are never refused (their headers show
    /// the caller's bucket as it stands): an orchestrator must always be able to probe a replica,
    /// and a busy client must not make its replica look unhealthy.
    /// </summary>
    public static bool IsFree(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private ClientPartition Partition(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (keys.Find(context.Request.Headers[ApiKeyStore.HeaderName].ToString()) is { } key)
        {
            return new ClientPartition($"key:{key.Name}", settings.LimitFor(key.Tier));
        }

        // Without a valid key, the client's address (its /64 for IPv6); behind a proxy, the forwarded one,
        // believed only from the trusted proxy networks (ServiceDefaults' TrustedProxies).
        return new ClientPartition(ClientAddress.PartitionOf(context.Connection.RemoteIpAddress), settings.LimitFor(null));
    }

    private async Task<RateLimitDecision> DecideAsync(ClientPartition partition, int cost)
    {
        if (shared.IsAvailable)
        {
            try
            {
                return await shared.AcquireAsync(partition, cost, TimeSpan.FromMilliseconds(options.CurrentValue.RedisTimeoutMilliseconds));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogRedisUnavailable(logger, e);
            }
        }

        return local.Acquire(partition, cost);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer the rate limiter; the in-process limiter decides this request")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);
}
