using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SignalHarvester.ServiceDefaults.Health;
using SignalHarvester.ServiceDefaults.Proxies;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every SignalHarvester service shares: telemetry, health, resilience and service discovery.</summary>
public static class Extensions
{
    /// <summary>The meters and activity sources of our own code all start with this prefix.</summary>
    public const string TelemetryPrefix = "SignalHarvester";

    public const string PrometheusPath = "/metrics/prometheus";

    /// <summary>
    /// A port of its own for readiness, start-up, the full health report and metrics (probes and Prometheus reach
    /// pods directly; an ingress reaches only the main port). Unset, they answer on every port, as in development and
    /// behind the compose bundle's Caddy, which hides them itself.
    /// </summary>
    public const string ManagementPortKey = "ServiceDefaults:ManagementPort";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddTrustedProxies();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    private static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter($"{TelemetryPrefix}.*")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .SetSampler(TraceSampler(builder))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource($"{TelemetryPrefix}.*")
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // Probes and scrapes would drown the traces that matter.
                    aspNetCore.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Which traces are recorded: all in Development (the dashboard), elsewhere a share of them
    /// (<c>Telemetry:TraceSampleRatio</c>, default 0.1), decided once per trace and followed by every
    /// service it reaches. Metrics still count every request, so rates, errors and latencies stay complete.
    /// </summary>
    private static Sampler TraceSampler(IHostApplicationBuilder builder)
    {
        var ratio = builder.Configuration.GetValue<double?>("Telemetry:TraceSampleRatio") ?? (builder.Environment.IsDevelopment() ? 1.0 : 0.1);
        return new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(ratio, 0, 1)));
    }

    private static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("Application process is running"), [HealthTags.Live])
            .AddCheck<DiskSpaceHealthCheck>("disk_space", tags: [HealthTags.Ready])
            .AddCheck<MemoryHealthCheck>("memory", tags: [HealthTags.Ready]);
        builder.Services.AddSingleton<ProbeResultCache>();
        // Every check, including those registered after this call, answers from the cache (see ProbeResultCache).
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var factory = registration.Factory;
                registration.Factory = services => new CachedHealthCheck(registration, factory(services), services.GetRequiredService<ProbeResultCache>());
            }
        });
        return builder;
    }

    /// <summary>
    /// Health and metrics endpoints, in every environment: orchestrators, load balancers and
    /// Prometheus need them in production more than anywhere.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        if (app.Configuration.GetValue<int?>(ManagementPortKey) is { } managementPort)
        {
            // The socket's own port, not the Host header, which a client sending through the ingress chooses.
            app.Use((context, next) =>
            {
                if (IsManagementPath(context.Request.Path) && context.Connection.LocalPort != managementPort)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        app.MapHealth("/health/live", check => check.Tags.Contains(HealthTags.Live));
        app.MapHealth("/health/ready", check => check.Tags.Contains(HealthTags.Ready));
        app.MapHealth("/health/startup", check => check.Tags.Contains(HealthTags.Ready) || check.Tags.Contains(HealthTags.Startup));
        app.MapHealth("/health", _ => true);
        app.MapPrometheusScrapingEndpoint(PrometheusPath);
        return app;
    }

    private static void MapHealth(this WebApplication app, string path, Func<HealthCheckRegistration, bool> predicate) =>
        app.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = predicate,
            ResponseWriter = HealthReportWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });

    // Liveness stays public (the API publishes it): it says the process answers, nothing about its dependencies.
    private static bool IsManagementPath(PathString path) =>
        IsInfrastructurePath(path) && !path.Equals("/health/live", StringComparison.OrdinalIgnoreCase);

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
