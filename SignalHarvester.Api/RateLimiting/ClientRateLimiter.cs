using Microsoft.Extensions.Options;
using SignalHarvester.Api.Security;
using StackExchange.Redis;

namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// Who a request is charged to (its API key, else its address) and the decision for taking tokens from
/// that client's bucket: from Redis (shared by all replicas), or in-process while Redis does not answer.
/// Used per request by <see cref="RateLimitMiddleware"/> and by long-lived responses that keep charging.
/// </summary>
public sealed partial class ClientRateLimiter(
    RedisTokenBucket shared,
    InProcessTokenBuckets local,
    ApiKeyStore keys,
    IOptionsMonitor<RateLimitingOptions> options,
    ILogger<ClientRateLimiter> logger)
{
    public ClientPartition PartitionOf(HttpContext context)
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

    /// <summary>
    /// Takes <paramref name="cost"/> tokens (0 only reads the bucket); a cost above the client's whole limit
    /// takes the whole limit, so an expensive route stays reachable with a full bucket.
    /// </summary>
    public async Task<RateLimitDecision> DecideAsync(ClientPartition partition, int cost)
    {
        cost = Math.Min(cost, partition.LimitPerMinute);
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
