using System.Globalization;

namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// Limits every request (health probes and metric scrapes are not charged, see <see cref="IsFree"/>)
/// per client (a request takes one token, an expensive route its <see cref="RequestCost"/>) and puts
/// <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> on every response — success, client error, server error, health and
/// metrics alike. The headers
/// are written when the response starts, so they survive the exception handler clearing the
/// response for a 500. A rejected request gets 429 ProblemDetails with <c>Retry-After</c>.
/// Decisions come from Redis (shared by all replicas); while Redis is unreachable an in-process
/// limiter with the same limits decides and the <c>redis</c> health check reports Degraded.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, ClientRateLimiter limiter, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var free = IsFree(context.Request.Path);
        // Routing has run: an expensive route says what it costs.
        var cost = free ? 0 : context.GetEndpoint()?.Metadata.GetMetadata<RequestCost>()?.Tokens ?? 1;
        var decision = await limiter.DecideAsync(limiter.PartitionOf(context), cost);
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
                Detail = cost > 1
                    ? $"This request costs {cost} of your {decision.Limit} tokens per minute, and too few are left; retry in {decision.RetryAfterSeconds} s."
                    : $"The limit of {decision.Limit} requests per minute is used up; retry in {decision.RetryAfterSeconds} s.",
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
}
