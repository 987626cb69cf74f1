using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace SignalHarvester.ServiceDefaults.Health;

/// <summary>Free space on the volume the service runs from: under 10 % degraded, under 5 % unhealthy.</summary>
internal sealed class DiskSpaceHealthCheck(IHostEnvironment environment) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var drive = new DriveInfo(Path.GetFullPath(environment.ContentRootPath));
        var freePercent = 100.0 * drive.AvailableFreeSpace / drive.TotalSize;
        var message = $"{freePercent:F1}% free ({drive.AvailableFreeSpace / (1024 * 1024)} MiB) on {drive.RootDirectory.FullName}";
        return Task.FromResult(freePercent switch
        {
            < 5 => HealthCheckResult.Unhealthy(message),
            < 10 => HealthCheckResult.Degraded(message),
            _ => HealthCheckResult.Healthy(message),
        });
    }
}
