using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace SignalHarvester.Core.Hosting;

/// <summary>
/// Healthy when PostgreSQL answers <c>select 1</c> on a connection of the shared pool. No EF Core and no retries:
/// a probe reports what it sees now, within the time its caller gives it.
/// </summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, e.Message);
        }
    }
}
