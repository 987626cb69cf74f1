using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// Caps the event streams one client holds open at once (<see cref="RateLimitingOptions.OpenStreamsPerClient"/>),
/// across replicas: each open stream is a member of the client's sorted set in Redis, scored by its last
/// heartbeat, so a replica that dies without closing its streams frees their slots once they go stale.
/// While Redis does not answer, each replica counts its own streams.
/// </summary>
public sealed partial class OpenStreamSlots(
    IConnectionMultiplexer redis, IOptionsMonitor<RateLimitingOptions> options, ILogger<OpenStreamSlots> logger)
{
    private const string KeyPrefix = "signalharvester:streams:";

    // @key the client's set; @member this stream; @stale seconds without a heartbeat before a slot is free; @max slots.
    private static readonly LuaScript Open = LuaScript.Prepare(
        """
        local now = tonumber(redis.call('TIME')[1])
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - tonumber(@stale))
        if redis.call('ZCARD', @key) >= tonumber(@max) then
          return 0
        end
        redis.call('ZADD', @key, now, @member)
        redis.call('EXPIRE', @key, tonumber(@stale))
        return 1
        """);

    private static readonly LuaScript Heartbeat = LuaScript.Prepare(
        """
        redis.call('ZADD', @key, 'XX', tonumber(redis.call('TIME')[1]), @member)
        redis.call('EXPIRE', @key, tonumber(@stale))
        return 1
        """);

    private readonly ConcurrentDictionary<string, int> local = new();

    /// <summary>A slot for one stream of <paramref name="partition"/>'s client, or null when all are taken.</summary>
    public async Task<Slot?> TryOpenAsync(ClientPartition partition)
    {
        var settings = options.CurrentValue;
        var slot = new Slot(this, KeyPrefix + partition.Id, Guid.NewGuid().ToString("N"));
        if (redis.IsConnected)
        {
            try
            {
                // As long as the rate limiter waits for Redis, then this replica decides.
                var opened = (int)await redis.GetDatabase().ScriptEvaluateAsync(Open, slot.Arguments(StaleSeconds(settings), settings.OpenStreamsPerClient))
                    .WaitAsync(TimeSpan.FromMilliseconds(settings.RedisTimeoutMilliseconds));
                return opened == 1 ? slot : null;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogRedisUnavailable(logger, e);
            }
        }

        var count = local.AddOrUpdate(slot.Key, 1, (_, held) => held + 1);
        if (count > settings.OpenStreamsPerClient)
        {
            local.AddOrUpdate(slot.Key, 0, (_, held) => held - 1);
            return null;
        }

        slot.Local = true;
        return slot;
    }

    // Three missed heartbeats (one per charge) and the slot is free again.
    private static int StaleSeconds(RateLimitingOptions settings) => settings.StreamChargeSeconds * 3;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer the stream limiter; this replica counts its own streams")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);

    private async Task HeartbeatAsync(Slot slot)
    {
        if (!slot.Local)
        {
            await IgnoringAsync(db => db.ScriptEvaluateAsync(Heartbeat, slot.Arguments(StaleSeconds(options.CurrentValue), 0)));
        }
    }

    private async ValueTask ReleaseAsync(Slot slot)
    {
        if (slot.Local)
        {
            local.AddOrUpdate(slot.Key, 0, (_, held) => Math.Max(0, held - 1));
            return;
        }

        await IgnoringAsync(db => db.SortedSetRemoveAsync(slot.Key, slot.Member));
    }

    // A lost heartbeat or release only delays the slot's freeing until it goes stale.
    private async Task IgnoringAsync(Func<IDatabase, Task> call)
    {
        try
        {
            await call(redis.GetDatabase());
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisUnavailable(logger, e);
        }
    }

    /// <summary>One open stream's slot: heartbeat while it lasts, dispose when the stream ends.</summary>
    public sealed class Slot(OpenStreamSlots owner, string key, string member) : IAsyncDisposable
    {
        internal string Key { get; } = key;

        internal string Member { get; } = member;

        internal bool Local { get; set; }

        internal object Arguments(int stale, int max) => new { key = (RedisKey)Key, member = Member, stale, max };

        public Task HeartbeatAsync() => owner.HeartbeatAsync(this);

        public ValueTask DisposeAsync() => owner.ReleaseAsync(this);
    }
}
