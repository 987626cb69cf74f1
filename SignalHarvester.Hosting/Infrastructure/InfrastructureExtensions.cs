using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SignalHarvester.Domain;

namespace SignalHarvester.Hosting.Infrastructure;

/// <summary>
/// The application's backing services: PostgreSQL (<paramref name="Database"/> as the owner of the schema, for the
/// migrations; <paramref name="ApplicationDatabase"/> as the application role, for the API and the worker) and Redis.
/// </summary>
public sealed record BackingServices(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> ApplicationDatabase,
    IResourceBuilder<IResourceWithConnectionString> Cache);

public static class InfrastructureExtensions
{
    /// <summary>The role the API and the worker connect as; the migration service creates it (least privilege).</summary>
    public const string ApplicationRole = "harvest_app";

    /// <summary>
    /// Adds PostgreSQL and Redis as containers, as local processes or as external (managed) services, per
    /// <c>Infrastructure:Mode</c> (auto | containers | local | external). Local state persists between runs unless
    /// <c>Infrastructure:Ephemeral</c> is true (tests), when it is thrown away on stop.
    /// </summary>
    public static BackingServices AddBackingServices(this IDistributedApplicationBuilder builder)
    {
        // Publishing always describes the container deployment, whatever runs PostgreSQL and Redis locally.
        var mode = builder.ExecutionContext.IsPublishMode
            ? InfrastructureMode.Containers
            : InfrastructureModeResolver.Resolve(builder.Configuration["Infrastructure:Mode"]);
        if (mode == InfrastructureMode.External)
        {
            return builder.AddExternalBackingServices();
        }

        var postgresPassword = builder.AddGeneratedSecret($"{ResourceNames.Postgres}-password");
        var applicationPassword = builder.AddGeneratedSecret($"{ResourceNames.ApplicationDatabase}-password");
        var redisPassword = builder.AddGeneratedSecret($"{ResourceNames.Cache}-password");
        if (mode == InfrastructureMode.Containers)
        {
            // Same major versions as staging (deploy/staging) and the local mode's PostgreSQL 15 / Redis 7.
            // Volume names are fixed: the generated ones hash the AppHost's path, which differs per checkout.
            var database = builder.AddPostgres(ResourceNames.Postgres, password: postgresPassword)
                .WithImageTag("15")
                .WithDataVolume($"signalharvester-{ResourceNames.Postgres}-data")
                .AddDatabase(ResourceNames.Database);
            var cache = builder.AddRedis(ResourceNames.Cache, password: redisPassword)
                .WithImageTag("7")
                .WithDataVolume($"signalharvester-{ResourceNames.Cache}-data");
            return new BackingServices(database, builder.AddApplicationDatabase(database.Resource.Parent.PrimaryEndpoint, applicationPassword), cache);
        }

        var state = LocalStateDirectory.Create(
            ephemeral: builder.Configuration.GetValue("Infrastructure:Ephemeral", false),
            configuredPath: builder.Configuration["Infrastructure:StateDirectory"]);
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(state.RemoveIfEphemeral);
            return Task.CompletedTask;
        });

        var localPostgres = new LocalPostgresResource(ResourceNames.Postgres, state.Path, postgresPassword.Resource, ResourceNames.Database);
        var localRedis = new LocalRedisResource(ResourceNames.Cache, state.Path, redisPassword.Resource);
        return new BackingServices(
            builder.AddLocalServer(localPostgres, "local-postgres.sh", state, "POSTGRES_PASSWORD",
                new PostgresAnswersHealthCheck(localPostgres)),
            builder.AddApplicationDatabase(localPostgres.PrimaryEndpoint, applicationPassword),
            builder.AddLocalServer(localRedis, "local-redis.sh", state, "REDIS_PASSWORD",
                new RedisAnswersHealthCheck(localRedis)));
    }

    // The same server and database as the owner's connection, as the application role (which the migrations create).
    private static IResourceBuilder<IResourceWithConnectionString> AddApplicationDatabase(
        this IDistributedApplicationBuilder builder, EndpointReference server, IResourceBuilder<ParameterResource> password) =>
        builder.AddConnectionString(ResourceNames.ApplicationDatabase, ReferenceExpression.Create(
            $"Host={server.Property(EndpointProperty.Host)};Port={server.Property(EndpointProperty.Port)};" +
            $"Username={ApplicationRole};Password={password.Resource};Database={ResourceNames.Database}"));

    private static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name) =>
        // Letters and digits only: the value goes into connection strings and server configuration verbatim.
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);

    private static IResourceBuilder<IResourceWithConnectionString> AddLocalServer(
        this IDistributedApplicationBuilder builder,
        LocalServerResource server,
        string script,
        LocalStateDirectory state,
        string passwordVariable,
        IHealthCheck healthCheck)
    {
        // The server listens on the endpoint's target port; the orchestrator proxies the public port to it.
        return builder.AddResource(server)
            .WithEndpoint(name: LocalServerResource.EndpointName, scheme: "tcp", isProxied: true)
            .WithArgs(context =>
            {
                context.Args.Add(Path.Combine(AppContext.BaseDirectory, "Infrastructure", script));
                context.Args.Add(state.For(server.Name));
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add(state.Ephemeral ? "true" : "false");
            })
            .WithEnvironment(passwordVariable, server.Password)
            .WithAnswersCheck(healthCheck);
    }

    /// <summary>The resource is healthy only while <paramref name="healthCheck"/> (a real query or PING) passes.</summary>
    internal static IResourceBuilder<T> WithAnswersCheck<T>(this IResourceBuilder<T> resource, IHealthCheck healthCheck)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}-answers";
        resource.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => healthCheck, failureStatus: null, tags: null));
        return resource.WithHealthCheck(key);
    }
}
