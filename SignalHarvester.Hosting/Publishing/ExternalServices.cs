using Aspire.Hosting.Postgres;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// The bundle's switch to a managed PostgreSQL and Redis: <c>DATABASE_URL</c> (the owner, for the migrations),
/// <c>APP_DATABASE_URL</c> (the application role, for the API and the worker) and <c>REDIS_URL</c> reach every
/// service that uses the database or cache (which prefers them over the bundled connection strings), the
/// bundled servers run only under their compose profiles, and a CA certificate directory is mounted for
/// <c>sslmode=verify-full</c>.
/// </summary>
internal static class ExternalServices
{
    public const string DatabaseUrl = "DATABASE_URL";
    public const string ApplicationDatabaseUrl = "APP_DATABASE_URL";
    public const string RedisUrl = "REDIS_URL";
    public const string ProfilesVariable = "COMPOSE_PROFILES";
    public const string DatabaseProfile = "bundled-postgres";
    public const string CacheProfile = "bundled-redis";

    /// <summary>Where the CA certificates an operator puts next to the compose file appear inside the services.</summary>
    public const string CertificatesMount = "/etc/signalharvester/certs";

    private const string CertificatesDirectory = "./certs";

    // The setting that replaces a connection string a service is given, by the name it is given under.
    private static readonly Dictionary<string, string> SettingByConnection = new(StringComparer.Ordinal)
    {
        [$"ConnectionStrings__{ResourceNames.Database}"] = ConnectionStringSettings.ExternalDatabase,
        [$"ConnectionStrings__{ResourceNames.ApplicationDatabase}"] = ConnectionStringSettings.ExternalApplicationDatabase,
        [$"ConnectionStrings__{ResourceNames.Cache}"] = ConnectionStringSettings.ExternalCache,
    };

    // The bundle variable with the managed replacement, by the resource whose connection string it replaces: the API and
    // the worker get the application role's connection under the name harvest, so it is the resource that decides.
    private static readonly Dictionary<string, string> VariableByResource = new(StringComparer.Ordinal)
    {
        [ResourceNames.Database] = DatabaseUrl,
        [ResourceNames.ApplicationDatabase] = ApplicationDatabaseUrl,
        [ResourceNames.Cache] = RedisUrl,
    };

    /// <summary>The compose profile a bundled server runs under, or null for a service that always runs.</summary>
    public static string? ProfileOf(IResource resource) => resource switch
    {
        PostgresServerResource => DatabaseProfile,
        RedisResource => CacheProfile,
        _ => null,
    };

    /// <summary>The settings that let a service use the managed database or cache instead (none: the bundled one).</summary>
    public static IEnumerable<ExternalSetting> SettingsFor(IReadOnlyDictionary<string, object> environment) =>
        environment
            .Where(e => SettingByConnection.ContainsKey(e.Key) && e.Value is ConnectionStringReference reference
                && VariableByResource.ContainsKey(reference.Resource.Name))
            .Select(e => new ExternalSetting(
                SettingByConnection[e.Key].Replace(":", "__", StringComparison.Ordinal),
                VariableByResource[((ConnectionStringReference)e.Value).Resource.Name]))
            .OrderBy(e => e.Setting, StringComparer.Ordinal);

    /// <summary>The read-only CA directory, for a service that uses the database or cache.</summary>
    public static IReadOnlyList<string> BindsFor(IReadOnlyDictionary<string, object> environment) =>
        SettingsFor(environment).Any() ? [$"{CertificatesDirectory}:{CertificatesMount}:ro"] : [];
}

/// <summary>An environment setting (<c>External__Database</c>) a service takes from a deployment variable (<c>DATABASE_URL</c>) when set.</summary>
internal sealed record ExternalSetting(string Setting, string Variable);
