using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SignalHarvester.ServiceDefaults.Health;

/// <summary>Memory load of the machine or container as the GC sees it: over 85 % degraded, over 95 % unhealthy.</summary>
internal sealed class MemoryHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var info = GC.GetGCMemoryInfo();
        if (info.TotalAvailableMemoryBytes == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No garbage collection yet; memory load not measured"));
        }

        var loadPercent = 100.0 * info.MemoryLoadBytes / info.TotalAvailableMemoryBytes;
        var message = $"{loadPercent:F1}% memory in use; process working set {Environment.WorkingSet / (1024 * 1024)} MiB";
        return Task.FromResult(loadPercent switch
        {
            > 95 => HealthCheckResult.Unhealthy(message),
            > 85 => HealthCheckResult.Degraded(message),
            _ => HealthCheckResult.Healthy(message),
        });
    }
}
