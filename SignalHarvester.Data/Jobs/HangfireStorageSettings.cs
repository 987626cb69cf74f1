using Hangfire;
using Hangfire.PostgreSql;

namespace SignalHarvester.Data.Jobs;

/// <summary>
/// How every process touches the shared Hangfire storage — the migration service installs it, the
/// worker runs jobs from it, the API (and the tests) enqueue into it — so none can disagree on the
/// schema or on how a job is serialised.
/// </summary>
public static class HangfireStorageSettings
{
    public const string Schema = "hangfire";

    /// <summary>
    /// The schema is installed by the migration service, never on a service's start-up. Enqueuing
    /// notifies the worker (PostgreSQL LISTEN / NOTIFY), so a started run begins at once instead of at
    /// the next poll of the queue (every 15 s by default).
    /// </summary>
    public static PostgreSqlStorageOptions StorageOptions() => new() { SchemaName = Schema, PrepareSchemaIfNecessary = false, EnableLongPolling = true };

    public static IGlobalConfiguration UseHarvestSerialization(this IGlobalConfiguration configuration) => configuration
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings();
}
