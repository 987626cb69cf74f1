using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SignalHarvester.Api.Analytics;
using SignalHarvester.Api.BulkJobs;
using SignalHarvester.Api.Cache;
using SignalHarvester.Api.Caching;
using SignalHarvester.Api.Discoveries;
using SignalHarvester.Api.Entities;
using SignalHarvester.Api.Errors;
using SignalHarvester.Api.Experiments;
using SignalHarvester.Api.Hardening;
using SignalHarvester.Api.Keys;
using SignalHarvester.Api.Labels;
using SignalHarvester.Api.OpenApi;
using SignalHarvester.Api.Pipelines;
using SignalHarvester.Api.RateLimiting;
using SignalHarvester.Api.Relationships;
using SignalHarvester.Api.Security;
using SignalHarvester.Api.Signals;
using SignalHarvester.Api.Snapshots;
using SignalHarvester.Api.Topics;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Api;

internal static class ApiServiceExtensions
{
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.AddHarvestDatabase(DatabaseTimeouts.RequestPath, servesRequests: true);
        // Without Redis the API keeps serving (in-process rate limits): degraded, not unhealthy.
        builder.AddHarvestCache(failureStatus: HealthStatus.Degraded);
        builder.Services.AddApiProblemDetails();
        // Stop promptly: orchestrators give a replica ~10 s before killing it, and nothing here needs
        // longer (bulk jobs hand their work back at once; open event streams are simply cut).
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<DiscoveryScoringOptions>(builder.Configuration.GetSection(DiscoveryScoringOptions.SectionName));
        builder.Services.Configure<TopicEvolutionOptions>(builder.Configuration.GetSection(TopicEvolutionOptions.SectionName));
        builder.AddApiKeySecurity();
        builder.AddApiRateLimiting();
        builder.AddPipelineJobs();
        builder.AddBulkJobs();
        builder.AddSnapshotFiles();
        builder.AddEntityResolution();
        builder.Services.AddScoped<EntityDecisions>();
        builder.Services.AddScoped<DuplicateFinder>();
        builder.AddHttpHardening();
        builder.AddApiDocumentation();
        builder.AddResponseCaching();
        builder.Services.AddSingleton<AnalyticsQueries>();
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        app.UseCors();
        app.UseApiRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<StorableTextMiddleware>();
        app.UseOutputCache();
        return app;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        var documented = app.DocumentationEnabled();
        app.MapGet("/", () => Results.Ok(new
            {
                service = "SignalHarvester API",
                health = "/health/ready",
                metrics = "/metrics/prometheus",
                openapi = documented ? "/openapi/v1.json" : null,
                docs = documented ? "/scalar" : null,
            }))
            .ExcludeFromDescription();
        app.MapApiDocumentation();
        app.MapGroup("/api/v1")
            .RequireStorableBodies()
            .MapSignalsEndpoints()
            .MapDiscoveriesEndpoints()
            .MapTopicsEndpoints()
            .MapArtifactRelationshipsEndpoints()
            .MapPipelinesEndpoints()
            .MapAnalyticsEndpoints()
            .MapCacheEndpoints()
            .MapSignalBulkJobsEndpoints()
            .MapSnapshotsEndpoints()
            .MapEntitiesEndpoints()
            .MapExperimentsEndpoints()
            .MapLabelsEndpoints()
            .MapKeysEndpoints();
        return app;
    }
}
