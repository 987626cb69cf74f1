using Microsoft.Extensions.Configuration;
using SignalHarvester.Domain;

namespace SignalHarvester.Hosting.Infrastructure;

/// <summary>
/// The external mode: a database and a cache that already run elsewhere (managed PostgreSQL and Redis),
/// given to the AppHost as <c>ConnectionStrings:harvest</c> (the owner, for the migrations),
/// <c>ConnectionStrings:harvest-app</c> (the application role the migrations create, for the API and the worker)
/// and <c>ConnectionStrings:cache</c>, as URLs or key=value strings. The services convert them (<c>ConnectionStringSettings</c>); nothing here starts a server.
/// </summary>
internal static class ExternalBackingServices
{
    public static BackingServices AddExternalBackingServices(this IDistributedApplicationBuilder builder)
    {
        var missing = new[] { ResourceNames.Database, ResourceNames.ApplicationDatabase, ResourceNames.Cache }
            .Where(name => string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
            .Select(name => $"ConnectionStrings:{name}")
            .ToList();
        if (missing.Count > 0)
        {
            throw new DistributedApplicationException(
                $"Infrastructure:Mode=external needs {string.Join(" and ", missing)}: a postgresql:// URL or Npgsql string for " +
                $"{ResourceNames.Database} (the owner), the same server and database as another role for {ResourceNames.ApplicationDatabase} " +
                $"(created by the migrations), a rediss:// URL or host:port,password=… for {ResourceNames.Cache} (user secrets or environment, never the command line).");
        }

        var database = builder.AddConnectionString(ResourceNames.Database);
        var cache = builder.AddConnectionString(ResourceNames.Cache);
        return new BackingServices(
            database.WithAnswersCheck(new PostgresAnswersHealthCheck(database.Resource)),
            builder.AddConnectionString(ResourceNames.ApplicationDatabase),
            cache.WithAnswersCheck(new RedisAnswersHealthCheck(cache.Resource)));
    }
}
