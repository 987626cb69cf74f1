using System.Diagnostics.Metrics;
using StackExchange.Redis;

namespace SignalHarvester.Data.Caching;

/// <summary>
/// Hits and misses of the shared response cache, counted in Redis (so the figures cover every API
/// replica; fire-and-forget, a lookup never waits on them) and as the Prometheus counter
/// <c>signalharvester_response_cache_lookups_total{result}</c>; and what the cache holds now.
/// </summary>
public sealed class ResponseCacheStatistics
{
    public const string MeterName = "SignalHarvester.Cache";

    internal const string KeyPrefix = "signalharvester:responses:";

    private static readonly RedisKey CountersKey = "signalharvester:response-cache-stats";

    private readonly IConnectionMultiplexer redis;
    private readonly Counter<long> lookups;

    public ResponseCacheStatistics(IConnectionMultiplexer redis, IMeterFactory meterFactory)
    {
        this.redis = redis;
        lookups = meterFactory.Create(MeterName).CreateCounter<long>(
            "signalharvester.response_cache.lookups", description: "Response cache lookups by result (hit, miss)");
    }

    internal void Lookup(bool hit)
    {
        var result = hit ? "hits" : "misses";
        lookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
        if (redis.IsConnected)
        {
            redis.GetDatabase().HashIncrement(CountersKey, result, flags: CommandFlags.FireAndForget);
        }
    }

    /// <summary>Counters since the last reset, cached entries, entries per tag and Redis memory in use.</summary>
    public async Task<ResponseCacheSnapshot> ReadAsync()
    {
        var database = redis.GetDatabase();
        var counters = (await database.HashGetAllAsync(CountersKey)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);
        var keys = new List<RedisKey>();
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(database.Database, KeyPrefix + "*", pageSize: 500))
            {
                keys.Add(key);
            }
        }

        // One pipelined round trip for the types: the store keeps each entry as a string and each
        // tag as a sorted set of entry keys whose name ends with the tag.
        var types = await Task.WhenAll(keys.Select(key => database.KeyTypeAsync(key)));
        var entries = types.Count(type => type == RedisType.String);
        var tagSets = keys.Where((_, i) => types[i] == RedisType.SortedSet)
            .Select(key => (Key: key, Tag: ResponseCacheTags.All.FirstOrDefault(t => key.ToString().EndsWith("_" + t, StringComparison.Ordinal))))
            .Where(set => set.Tag is not null)
            .ToList();
        var lengths = await Task.WhenAll(tagSets.Select(set => database.SortedSetLengthAsync(set.Key)));
        var tags = ResponseCacheTags.All.ToDictionary(t => t, t => tagSets.Select((set, i) => set.Tag == t ? lengths[i] : 0).Sum());

        var memory = await database.ExecuteAsync("MEMORY", "STATS");
        var used = memory.Resp2Type == ResultType.Array ? MemoryUsed(memory) : null;
        var hits = counters.GetValueOrDefault("hits");
        var misses = counters.GetValueOrDefault("misses");
        return new ResponseCacheSnapshot(hits, misses, hits + misses == 0 ? null : Math.Round((double)hits / (hits + misses), 4), entries, tags, used);
    }

    public Task ResetCountersAsync() => redis.GetDatabase().KeyDeleteAsync(CountersKey);

    private static long? MemoryUsed(RedisResult stats)
    {
        var items = (RedisResult[])stats!;
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            if (items[i].ToString() == "total.allocated")
            {
                return (long)items[i + 1];
            }
        }

        return null;
    }
}

/// <summary>The response cache as <c>GET /api/v1/cache/stats</c> shows it.</summary>
public sealed record ResponseCacheSnapshot(
    long Hits, long Misses, double? HitRatio, int Entries, IReadOnlyDictionary<string, long> EntriesByTag, long? RedisAllocatedBytes);
