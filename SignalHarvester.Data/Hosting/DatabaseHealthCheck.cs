using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace SignalHarvester.Data.Hosting;

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
            // The exception goes to the log (the health service logs failed checks with it); the body a probe
            // reads says what failed, never the driver's message, which can name hosts and users.
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL did not answer select 1", e);
        }
    }
}
