using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SignalHarvester.Core.Data;
using SignalHarvester.ServiceDefaults.Health;

namespace SignalHarvester.Core.Hosting;

public static class DataHostingExtensions
{
    /// <summary>
    /// The application database (connection string <c>harvest</c>) as a DbContext and, for bulk
    /// work (COPY, batches), an NpgsqlDataSource; with the health checks every
    /// service reports: <c>database</c> (ready) and <c>schema</c> (startup: no pending migrations).
    /// </summary>
    public static IHostApplicationBuilder AddHarvestDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<HarvestDbContext>(
            ResourceNames.Database,
            settings => settings.DisableHealthChecks = true, // replaced by the named checks below
            options => HarvestDbContextOptions.Apply(options));
        builder.AddNpgsqlDataSource(ResourceNames.Database, settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<HarvestDbContext>("database", tags: [HealthTags.Ready])
            .AddCheck<SchemaHealthCheck>("schema", tags: [HealthTags.Startup]);
        return builder;
    }

    /// <summary>
    /// Redis (connection string <c>cache</c>) with the <c>redis</c> readiness check. A service that
    /// keeps working without Redis (the API falls back to in-process rate limits) reports its loss
    /// as <see cref="HealthStatus.Degraded"/> instead of the default <see cref="HealthStatus.Unhealthy"/>.
    /// </summary>
    public static IHostApplicationBuilder AddHarvestCache(this IHostApplicationBuilder builder, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        builder.AddRedisClient(ResourceNames.Cache, settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus, [HealthTags.Ready]);
        return builder;
    }
}
