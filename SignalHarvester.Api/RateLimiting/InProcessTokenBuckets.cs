using System.Threading.RateLimiting;

namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// The fallback while Redis is unreachable: the same limits per partition, but per replica (with N
/// replicas a client may get up to N times its limit until Redis is back). One
/// <see cref="TokenBucketRateLimiter"/> per partition; idle partitions are dropped by the
/// partitioned limiter.
/// </summary>
public sealed class InProcessTokenBuckets(TimeProvider clock) : IDisposable
{
    private readonly PartitionedRateLimiter<ClientPartition> limiter = PartitionedRateLimiter.Create<ClientPartition, string>(
        partition => RateLimitPartition.GetTokenBucketLimiter(partition.Id + "|" + partition.LimitPerMinute, _ => OptionsFor(partition.LimitPerMinute)));

    /// <summary>Takes <paramref name="cost"/> tokens (0 only reads the bucket).</summary>
    public RateLimitDecision Acquire(ClientPartition partition, int cost)
    {
        using var lease = limiter.AttemptAcquire(partition, cost);
        var remaining = (int)Math.Min(int.MaxValue, limiter.GetStatistics(partition)?.CurrentAvailablePermits ?? 0);
        var perSecond = partition.LimitPerMinute / 60.0;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var reset = now + (long)Math.Ceiling((partition.LimitPerMinute - remaining) / perSecond);
        var retryAfter = lease.IsAcquired
            ? 0
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : (int)Math.Ceiling(1 / perSecond);
        return new RateLimitDecision(lease.IsAcquired, partition.LimitPerMinute, remaining, reset, retryAfter);
    }

    // Refill exactly the limit per minute in as many equal steps as possible, at most one per second
    // (the largest divisor of the limit not above 60), so small limits are not rounded up.
    private static TokenBucketRateLimiterOptions OptionsFor(int perMinute)
    {
        var steps = Enumerable.Range(1, Math.Min(60, perMinute)).Last(d => perMinute % d == 0);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute / steps,
            ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / steps),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    public void Dispose() => limiter.Dispose();
}
