using System.Collections.Concurrent;
using StackExchange.Redis;

namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// The token bucket every API replica shares, as one atomic Lua script per request on Redis.
/// <para>
/// Why not the RedisRateLimiting library: its token bucket limiter does not report how many
/// tokens are left on a granted lease, and every response must carry an accurate
/// <c>X-RateLimit-Remaining</c>; the script below is small, answers allowed / remaining / reset /
/// retry-after in one round trip, and uses Redis' clock (<c>TIME</c>) so replicas with skewed
/// clocks still agree.
/// </para>
/// </summary>
public sealed class RedisTokenBucket(IConnectionMultiplexer redis)
{
    private const string KeyPrefix = "signalharvester:ratelimit:";

    // @key bucket; @capacity (= tokens per minute); @period refill period in seconds; @cost tokens taken
    // (0 reads the bucket without charging it).
    // Returns { allowed (0/1), whole tokens left, seconds until full, seconds until next token, now (Unix s) }.
    private static readonly LuaScript Script = LuaScript.Prepare(
        """
        local capacity = tonumber(@capacity)
        local period = tonumber(@period)
        local cost = tonumber(@cost)
        local rate = capacity / period
        local t = redis.call('TIME')
        local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
        local state = redis.call('HMGET', @key, 'tokens', 'ts')
        local tokens = tonumber(state[1])
        local ts = tonumber(state[2])
        if tokens == nil or ts == nil then
          tokens = capacity
          ts = now
        end
        tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate)
        local allowed = 0
        if tokens >= math.max(cost, 1) then
          tokens = tokens - cost
          allowed = 1
        end
        redis.call('HSET', @key, 'tokens', tostring(tokens), 'ts', tostring(now))
        redis.call('EXPIRE', @key, math.ceil(period) + 1)
        local reset = math.ceil((capacity - tokens) / rate)
        local retry = 0
        if allowed == 0 then
          retry = math.max(1, math.ceil((math.max(cost, 1) - tokens) / rate))
        end
        return { allowed, math.floor(tokens), reset, retry, math.floor(now) }
        """);

    // Reads (cost 0: probes and scrapes) of a bucket that are in flight together share one script call.
    private readonly ConcurrentDictionary<ClientPartition, Task<RateLimitDecision>> reads = new();

    public bool IsAvailable => redis.IsConnected;

    public Task<RateLimitDecision> AcquireAsync(ClientPartition partition, int cost, TimeSpan timeout) =>
        (cost == 0 ? ReadAsync(partition) : EvaluateAsync(partition, cost)).WaitAsync(timeout);

    /// <summary>
    /// The bucket as it stands, from a call already in flight for it when there is one: a busy client's
    /// probes cost Redis one call per round trip instead of one each, and every answer is still Redis'.
    /// </summary>
    private Task<RateLimitDecision> ReadAsync(ClientPartition partition)
    {
        var mine = new TaskCompletionSource<RateLimitDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = reads.GetOrAdd(partition, mine.Task);
        if (shared != mine.Task)
        {
            return shared;
        }

        _ = CompleteAsync();
        return mine.Task;

        async Task CompleteAsync()
        {
            try
            {
                mine.SetResult(await EvaluateAsync(partition, 0));
            }
            catch (Exception e)
            {
                mine.SetException(e);
            }
            finally
            {
                reads.TryRemove(new KeyValuePair<ClientPartition, Task<RateLimitDecision>>(partition, mine.Task));
            }
        }
    }

    private async Task<RateLimitDecision> EvaluateAsync(ClientPartition partition, int cost)
    {
        var result = (RedisResult[])(await redis.GetDatabase()
            .ScriptEvaluateAsync(Script, new { key = (RedisKey)(KeyPrefix + partition.Id), capacity = partition.LimitPerMinute, period = 60, cost }))!;
        var now = (long)result[4];
        return new RateLimitDecision((int)result[0] == 1, partition.LimitPerMinute, (int)result[1], now + (long)result[2], (int)result[3]);
    }
}
