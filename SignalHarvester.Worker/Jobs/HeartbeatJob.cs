using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;
using StackExchange.Redis;

namespace SignalHarvester.Worker.Jobs;

/// <summary>Proves the worker can reach its dependencies on schedule: one database and one Redis round trip.</summary>
public sealed class HeartbeatJob(HarvestDbContext db, IConnectionMultiplexer redis, WorkerMetrics metrics, ILogger<HeartbeatJob> logger)
{
    public const string RecurringJobId = "heartbeat";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var schemaVersion = await db.SchemaVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
        var redisLatency = await redis.GetDatabase().PingAsync();
        metrics.Heartbeat();
        logger.LogInformation("Heartbeat: schema version {SchemaVersion}, Redis PING {RedisLatencyMs:F1} ms", schemaVersion, redisLatency.TotalMilliseconds);
    }
}
