using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace SignalHarvester.Data.Hosting;

/// <summary>Healthy when Redis answers PING on the shared connection; else the registration's failure status.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The exception to the log, a fixed description to the probe (driver messages name hosts).
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis did not answer PING", e);
        }
    }
}
