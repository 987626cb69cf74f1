using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SignalHarvester.Data.Caching;

/// <summary>
/// The Redis output cache, made optional: while Redis is unreachable a read is a miss and a write
/// or eviction is skipped, so the API keeps answering from the database instead of failing.
/// </summary>
internal sealed partial class ResilientOutputCacheStore(
    IOutputCacheStore inner, ResponseCacheStatistics statistics, ILogger<ResilientOutputCacheStore> logger) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await inner.GetAsync(key, cancellationToken);
            statistics.Lookup(hit: entry is not null);
            return entry;
        }
        catch (Exception e) when (IsRedisOutage(e))
        {
            LogUnavailable(logger, "read", e.Message);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception e) when (IsRedisOutage(e))
        {
            LogUnavailable(logger, "write", e.Message);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception e) when (IsRedisOutage(e))
        {
            LogUnavailable(logger, "eviction", e.Message);
        }
    }

    private static bool IsRedisOutage(Exception e) => e is RedisException or TimeoutException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Response cache {Operation} skipped, Redis unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string operation, string reason);
}
