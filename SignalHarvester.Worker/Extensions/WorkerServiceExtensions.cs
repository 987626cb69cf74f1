using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SignalHarvester.Data;
using SignalHarvester.Data.Caching;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Domain;
using SignalHarvester.Worker.Jobs;
using SignalHarvester.Worker.Scheduling;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Extensions;

internal static class WorkerServiceExtensions
{
    public static IHostApplicationBuilder AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddHarvestDatabase(DatabaseTimeouts.Background);
        builder.AddHarvestCache();
        // Both pipelines (and the retention job) evict the API's cached responses their writes make stale.
        builder.AddResponseCacheStore();

        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Database)
            ?? throw new InvalidOperationException($"Connection string '{ResourceNames.Database}' is missing.");
        var storageOptions = HangfireStorageSettings.StorageOptions();
        // Jobs enqueued on demand (API, operators) start at their NOTIFY; the poll is the fallback, within a second.
        storageOptions.QueuePollInterval = TimeSpan.FromSeconds(1);
        // A running job's queue entry is kept invisible by a heartbeat (every fifth of the timeout) while its worker
        // lives; when a replica dies, the entry is visible again one timeout after its last heartbeat and another
        // replica runs the job. The fixed default (30 min, no heartbeat) delayed that recovery by half an hour and let a
        // run longer than that be fetched a second time.
        storageOptions.UseSlidingInvisibilityTimeout = true;
        storageOptions.InvisibilityTimeout = builder.Configuration.GetValue("Jobs:InvisibilityTimeout", TimeSpan.FromMinutes(1));
        // Hangfire's own locks (the recurring and delayed job schedulers take one every 5 s) are rows deleted by their
        // holder: a replica killed while holding one stalls scheduling on every replica until the row counts as stale,
        // 10 minutes by default. The holders keep them for milliseconds; a minute is as long as a dead job waits.
        storageOptions.DistributedLockTimeout = builder.Configuration.GetValue("Jobs:DistributedLockTimeout", TimeSpan.FromMinutes(1));
        builder.Services.AddHangfire(hangfire => hangfire
            .UseHarvestSerialization()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), storageOptions));
        builder.Services.AddHangfireServer(server =>
        {
            server.ServerName = $"{ResourceNames.Worker}:{Environment.MachineName}:{Environment.ProcessId}";
            // A pipeline's first automatic retry is due 10 s after its failure: look for due jobs every 5 s, not 15.
            server.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            // A discovery run keeps its worker while its source jobs run: a single worker would wait for itself.
            var workers = builder.Configuration.GetValue("Jobs:WorkerCount", server.WorkerCount);
            server.WorkerCount = workers >= 2
                ? workers
                : throw new InvalidOperationException($"Jobs:WorkerCount must be at least 2 (is {workers}): a discovery run waits for its source fetch jobs.");
        });
        builder.Services.AddSingleton<ChildJobs>();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddSourceReporting();
        builder.AddSignalPipeline();
        builder.AddDiscoveryPipeline();

        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddHostedService<RecurringJobRegistrar>();
        return builder;
    }
}
