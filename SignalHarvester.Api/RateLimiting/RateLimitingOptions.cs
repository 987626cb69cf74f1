using SignalHarvester.Api.Security;

namespace SignalHarvester.Api.RateLimiting;

/// <summary>The <c>RateLimiting</c> section: requests per minute per client (token bucket, bursts up to the limit).</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public int AnonymousPerMinute { get; set; } = 100;

    public int StandardPerMinute { get; set; } = 1000;

    public int PremiumPerMinute { get; set; } = 5000;

    /// <summary>How long a request waits for Redis before the in-process limiter decides instead.</summary>
    public int RedisTimeoutMilliseconds { get; set; } = 500;

    /// <summary>Event streams one client may hold open at once, across replicas.</summary>
    public int OpenStreamsPerClient { get; set; } = 3;

    /// <summary>An open event stream takes one token from its client every this many seconds.</summary>
    public int StreamChargeSeconds { get; set; } = 10;

    public int LimitFor(ApiKeyTier? tier) => tier switch
    {
        ApiKeyTier.Premium => PremiumPerMinute,
        ApiKeyTier.Standard => StandardPerMinute,
        _ => AnonymousPerMinute,
    };
}
