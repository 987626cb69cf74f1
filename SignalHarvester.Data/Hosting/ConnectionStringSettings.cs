using Microsoft.Extensions.Configuration;
using SignalHarvester.Data;
using SignalHarvester.Data.Caching;
using SignalHarvester.Domain;

namespace SignalHarvester.Data.Hosting;

/// <summary>
/// The one place every service turns its configured database and cache into the forms Npgsql and
/// StackExchange.Redis accept: URLs (<c>postgresql://</c>, <c>rediss://</c>) become their
/// connection strings, written back to <c>ConnectionStrings:harvest</c> / <c>ConnectionStrings:cache</c>
/// where the Aspire client integrations, Hangfire and the health checks read them.
/// </summary>
public static class ConnectionStringSettings
{
    /// <summary>A managed database that replaces the configured one (the bundle's <c>DATABASE_URL</c>).</summary>
    public const string ExternalDatabase = "External:Database";

    /// <summary>The application role's connection to the managed database (the bundle's <c>APP_DATABASE_URL</c>).</summary>
    public const string ExternalApplicationDatabase = "External:ApplicationDatabase";

    /// <summary>A managed Redis that replaces the configured one (the bundle's <c>REDIS_URL</c>).</summary>
    public const string ExternalCache = "External:Cache";

    public static void UseDatabase(IConfiguration configuration)
    {
        if (Configured(configuration, ExternalDatabase, ResourceNames.Database) is { } value)
        {
            configuration[Key(ResourceNames.Database)] = DatabaseUrl.ToConnectionString(value);
        }

        if (Configured(configuration, ExternalApplicationDatabase, ResourceNames.ApplicationDatabase) is { } application)
        {
            configuration[Key(ResourceNames.ApplicationDatabase)] = DatabaseUrl.ToConnectionString(application);
        }
    }

    public static CacheConnection? UseCache(IConfiguration configuration)
    {
        if (Configured(configuration, ExternalCache, ResourceNames.Cache) is not { } value)
        {
            return null;
        }

        var cache = CacheUrl.Parse(value);
        configuration[Key(ResourceNames.Cache)] = cache.ConnectionString;
        return cache;
    }

    private static string? Configured(IConfiguration configuration, string external, string name) =>
        configuration[external] is { Length: > 0 } replacement ? replacement
        : configuration.GetConnectionString(name) is { Length: > 0 } configured ? configured
        : null;

    private static string Key(string name) => $"ConnectionStrings:{name}";
}
