using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SignalHarvester.Core;
using SignalHarvester.Core.Hosting;
using SignalHarvester.Worker.Jobs;

namespace SignalHarvester.Worker.Extensions;

internal static class WorkerServiceExtensions
{
    public static IHostApplicationBuilder AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddHarvestDatabase();
        builder.AddHarvestCache();

        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Database)
            ?? throw new InvalidOperationException($"Connection string '{ResourceNames.Database}' is missing.");
        builder.Services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    // Jobs enqueued on demand (API, operators) start within a second, not the 15 s default.
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    EnableLongPolling = true,
                }));
        builder.Services.AddHangfireServer(server => server.ServerName = $"{ResourceNames.Worker}:{Environment.MachineName}:{Environment.ProcessId}");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddSignalPipeline();
        builder.AddDiscoveryPipeline();

        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddHostedService<RecurringJobRegistrar>();
        return builder;
    }
}
