using Aspire.Hosting.Postgres;
using SignalHarvester.Core;
using SignalHarvester.Core.Hosting;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// The bundle's switch to a managed PostgreSQL and Redis: <c>DATABASE_URL</c> / <c>REDIS_URL</c> reach every
/// service that uses the database or cache (which prefers them over the bundled connection strings), the
/// bundled servers run only under their compose profiles, and a CA certificate directory is mounted for
/// <c>sslmode=verify-full</c>.
/// </summary>
internal static class ExternalServices
{
    public const string DatabaseUrl = "DATABASE_URL";
    public const string RedisUrl = "REDIS_URL";
    public const string ProfilesVariable = "COMPOSE_PROFILES";
    public const string DatabaseProfile = "bundled-postgres";
    public const string CacheProfile = "bundled-redis";

    /// <summary>Where the CA certificates an operator puts next to the compose file appear inside the services.</summary>
    public const string CertificatesMount = "/etc/signalharvester/certs";

    private const string CertificatesDirectory = "./certs";

    // (connection string the AppHost gives a service, the setting that replaces it, the bundle variable)
    private static readonly (string ConnectionString, string Setting, string Variable)[] Replacements =
    [
        ($"ConnectionStrings__{ResourceNames.Database}", ConnectionStringSettings.ExternalDatabase, DatabaseUrl),
        ($"ConnectionStrings__{ResourceNames.Cache}", ConnectionStringSettings.ExternalCache, RedisUrl),
    ];

    /// <summary>The compose profile a bundled server runs under, or null for a service that always runs.</summary>
    public static string? ProfileOf(IResource resource) => resource switch
    {
        PostgresServerResource => DatabaseProfile,
        RedisResource => CacheProfile,
        _ => null,
    };

    /// <summary>The settings that let a service use the managed database or cache instead (empty: the bundled one).</summary>
    public static IEnumerable<KeyValuePair<string, string>> SettingsFor(IReadOnlyList<KeyValuePair<string, string>> environment) =>
        Replacements
            .Where(r => environment.Any(e => e.Key == r.ConnectionString))
            .Select(r => new KeyValuePair<string, string>(r.Setting.Replace(":", "__", StringComparison.Ordinal), $"${{{r.Variable}-}}"));

    /// <summary>The read-only CA directory, for a service that uses the database or cache.</summary>
    public static IReadOnlyList<string> BindsFor(IReadOnlyList<KeyValuePair<string, string>> environment) =>
        SettingsFor(environment).Any() ? [$"{CertificatesDirectory}:{CertificatesMount}:ro"] : [];
}
