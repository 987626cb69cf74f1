using Microsoft.Extensions.DependencyInjection.Extensions;
using SignalHarvester.Api.Endpoints;
using SignalHarvester.Core.Discovery;
using SignalHarvester.Core.Hosting;

namespace SignalHarvester.Api.Extensions;

internal static class ApiServiceExtensions
{
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.AddHarvestDatabase();
        builder.AddHarvestCache();
        builder.Services.AddProblemDetails();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<DiscoveryScoringOptions>(builder.Configuration.GetSection(DiscoveryScoringOptions.SectionName));
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapGet("/", () => Results.Ok(new { service = "SignalHarvester API", health = "/health/ready", metrics = "/metrics/prometheus" }))
            .ExcludeFromDescription();
        app.MapGroup("/api/v1")
            .MapSignalsEndpoints()
            .MapDiscoveriesEndpoints();
        return app;
    }
}
