namespace SignalHarvester.Domain;

/// <summary>
/// The names of the distributed application's resources. The AppHost names resources with these,
/// services find their connection strings by them, and tests look resources up by them.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Database = "harvest";

    /// <summary>
    /// The same database for the application role (data rights only): the API and the worker get it as their
    /// <see cref="Database"/> connection; the migration service, which owns the schema, creates the role from it.
    /// </summary>
    public const string ApplicationDatabase = "harvest-app";
    public const string Cache = "cache";
    public const string Migrations = "migrations";
    public const string Api = "api";
    public const string Worker = "worker";
    public const string Web = "web";

    // The staging rehearsal (Staging:Rehearsal=true) adds these.
    public const string Prometheus = "prometheus";
    public const string Alertmanager = "alertmanager";
    public const string NodeExporter = "node-exporter";
    public const string Caddy = "caddy";
    public const string StagingBasicAuthPassword = "staging-basic-auth-password";
}
