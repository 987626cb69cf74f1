using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Data.Caching;
using StackExchange.Redis;

namespace SignalHarvester.Hosting.Infrastructure;

/// <summary>
/// Healthy only when the PostgreSQL server really answers a query, as the services will reach it (URL or
/// key=value, TLS settings included). A database that does not exist yet is fine: the migrations create it.
/// </summary>
internal sealed class PostgresAnswersHealthCheck(IResourceWithConnectionString server) : IHealthCheck
{
    private const string InvalidCatalogName = "3D000";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = DatabaseUrl.ToConnectionString(await server.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? "");
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (PostgresException e) when (e.SqlState == InvalidCatalogName)
        {
            return HealthCheckResult.Healthy("server answers; the migrations create the database");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}

/// <summary>Healthy only when the Redis server answers PING after authenticating (over TLS when the connection string says so).</summary>
internal sealed class RedisAnswersHealthCheck(IResourceWithConnectionString server) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var cache = CacheUrl.Parse(await server.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? "");
            var options = ConfigurationOptions.Parse(cache.ConnectionString);
            if (cache.CaCertificate is { } ca)
            {
                options.TrustIssuer(ca);
            }

            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 3000;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
