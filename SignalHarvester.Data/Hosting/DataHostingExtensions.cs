using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain;
using SignalHarvester.ServiceDefaults.Health;
using StackExchange.Redis;

namespace SignalHarvester.Data.Hosting;

public static class DataHostingExtensions
{
    /// <summary>
    /// The application database (connection string <c>harvest</c>) as an NpgsqlDataSource (bulk work: COPY, batches) and
    /// a DbContext on that same data source, with <paramref name="timeouts"/>' connect and command timeouts and EF Core
    /// retries; the stores that own their tables' SQL (<see cref="SignalStore"/>); with the health checks every service reports: <c>database</c> (ready) and
    /// <c>schema</c> (startup: no pending migrations).
    /// <paramref name="servesRequests"/> (the API) tunes the pool for many short, repeated queries: Npgsql prepares the most
    /// frequent statements on each connection, so PostgreSQL stops parsing and planning them per request; connections
    /// go back to the pool without a session reset (with prepared statements that reset is the parts of <c>DISCARD ALL</c>
    /// that keep them, <c>RESET ALL; CLOSE ALL; UNLISTEN *; …</c>, which PostgreSQL ran before every request's query),
    /// which is safe only because such a service leaves no session state behind (no <c>SET</c>, <c>LISTEN</c> or advisory
    /// lock; its temporary tables drop on commit); and the process's one pool holds at most <see cref="RequestPathMaxPoolSize"/>
    /// connections unless the connection string names its own maximum. With Npgsql's 100, a cold pool under load opened one
    /// connection per waiting request; each authentication (SCRAM) took so long with dozens at once that the 1 s connect
    /// budget ran out, the half-open connection was dropped and the next request started another: 25 req/s and 503s
    /// for as long as the load lasted (docs/performance.md). Hangfire keeps its own pool with Npgsql's defaults.
    /// </summary>
    public static IHostApplicationBuilder AddHarvestDatabase(this IHostApplicationBuilder builder, DatabaseTimeouts timeouts, bool servesRequests = false)
    {
        ConnectionStringSettings.UseDatabase(builder.Configuration);
        builder.AddNpgsqlDataSource(ResourceNames.Database, settings =>
        {
            settings.DisableHealthChecks = true; // replaced by the named checks below
            settings.ConnectionString = WithSettings(settings.ConnectionString, timeouts, servesRequests);
        });

        // EF Core works on the same data source, so a process has one pool: with a pool of its own, the DbContext's
        // first connection loaded PostgreSQL's types (a catalogue query) within the first request's 1 s connect budget,
        // while the readiness check had only warmed the other pool, a 503 waiting for a loaded start-up (docs/reliability.md).
        // Tracing and metrics are the data source's (AddNpgsqlDataSource); the retries are the timeouts' own.
        builder.Services.AddDbContextPool<HarvestDbContext>((services, options) =>
        {
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql =>
            {
                if (timeouts.MaxRetries > 0)
                {
                    npgsql.EnableRetryOnFailure(timeouts.MaxRetries, timeouts.MaxRetryDelay, errorCodesToAdd: null);
                }
            });
            HarvestDbContextOptions.Apply(options);
        });
        builder.Services.AddSingleton<SignalStore>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready])
            .AddCheck<SchemaHealthCheck>("schema", tags: [HealthTags.Startup]);
        return builder;
    }

    /// <summary>The most connections a request-serving service keeps to PostgreSQL unless its connection string says otherwise.</summary>
    public const int RequestPathMaxPoolSize = 16;

    private static string? WithSettings(string? connectionString, DatabaseTimeouts timeouts, bool servesRequests)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return connectionString;
        }

        var withTimeouts = timeouts.Apply(connectionString);
        if (!servesRequests)
        {
            return withTimeouts;
        }

        var settings = new NpgsqlConnectionStringBuilder(withTimeouts) { MaxAutoPrepare = 50, AutoPrepareMinUsages = 2, NoResetOnClose = true };
        if (settings.MaxPoolSize == new NpgsqlConnectionStringBuilder().MaxPoolSize)
        {
            settings.MaxPoolSize = RequestPathMaxPoolSize;
        }

        return settings.ConnectionString;
    }

    /// <summary>
    /// Redis (connection string <c>cache</c>) with the <c>redis</c> readiness check. A service that
    /// keeps working without Redis (the API falls back to in-process rate limits) reports its loss
    /// as <see cref="HealthStatus.Degraded"/> instead of the default <see cref="HealthStatus.Unhealthy"/>.
    /// </summary>
    public static IHostApplicationBuilder AddHarvestCache(this IHostApplicationBuilder builder, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var cache = ConnectionStringSettings.UseCache(builder.Configuration);
        builder.AddRedisClient(ResourceNames.Cache, settings => settings.DisableHealthChecks = true,
            options =>
            {
                // Completions on the .NET thread pool: on the client's own few threads, every awaiting request's
                // continuation (the whole rest of the request) ran there and held up reading the next replies.
                options.SocketManager = SocketManager.ThreadPool;
                if (cache?.CaCertificate is { } ca)
                {
                    options.TrustIssuer(ca);
                }
            });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus, [HealthTags.Ready]);
        return builder;
    }
}
