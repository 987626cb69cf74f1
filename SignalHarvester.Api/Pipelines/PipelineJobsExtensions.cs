using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using SignalHarvester.Data;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Domain;

namespace SignalHarvester.Api.Pipelines;

/// <summary>
/// A Hangfire <em>client</em> on the worker's storage (PostgreSQL, schema <c>hangfire</c>, created
/// by the worker): the API enqueues and inspects jobs but runs no Hangfire server.
/// </summary>
public static class PipelineJobsExtensions
{
    private static readonly Lock ConfigurationGate = new();
    private static bool configured;

    public static IHostApplicationBuilder AddPipelineJobs(this IHostApplicationBuilder builder)
    {
        ConfigureSerialization();
        builder.Services.AddSingleton<JobStorage>(services =>
        {
            var configured = services.GetRequiredService<IConfiguration>().GetConnectionString(ResourceNames.Database)
                ?? throw new InvalidOperationException($"Connection string '{ResourceNames.Database}' is missing.");
            // Enqueuing is on the request path too: fail as fast as the API's other database work.
            var connectionString = DatabaseTimeouts.RequestPath.Apply(configured);
            var options = HangfireStorageSettings.StorageOptions();
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        });
        builder.Services.AddSingleton<IBackgroundJobClient>(services => new BackgroundJobClient(services.GetRequiredService<JobStorage>()));
        builder.Services.AddSingleton<PipelineJobClient>();
        return builder;
    }

    // Hangfire's serializer settings are process-wide: the same as the worker's.
    private static void ConfigureSerialization()
    {
        lock (ConfigurationGate)
        {
            if (configured)
            {
                return;
            }

            GlobalConfiguration.Configuration
                .UseHarvestSerialization();
            configured = true;
        }
    }
}
