using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SignalHarvester.Data;

namespace SignalHarvester.Data.Hosting;

/// <summary>Healthy when every migration this build knows of has been applied to the database.</summary>
internal sealed class SchemaHealthCheck(HarvestDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var known = db.Database.GetMigrations().Count();
        return pending.Count == 0
            ? HealthCheckResult.Healthy($"Schema at version {known}")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending, first {pending[0]}");
    }
}
