using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SignalHarvester.ServiceDefaults.Health;

/// <summary>A registered check behind the <see cref="ProbeResultCache"/>: its own timeout, its recent result reused.</summary>
internal sealed class CachedHealthCheck(HealthCheckRegistration registration, IHealthCheck inner, ProbeResultCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.ResultAsync(registration, inner, context, cancellationToken);
}
