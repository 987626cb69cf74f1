using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace SignalHarvester.Worker.Signals.XApi;

public static class XSourceServiceExtensions
{
    /// <summary>
    /// Binds <see cref="XApiOptions"/> (<c>Harvest:X</c>) and <see cref="HarvestOptions"/> (<c>Harvest</c>;
    /// empty queries become <see cref="DefaultXQueries.All"/>) and registers <see cref="IXPostSource"/>:
    /// <see cref="XApiClient"/> when <c>Harvest:X:BearerToken</c> is set, else <see cref="EmbeddedXPostSource"/>.
    /// Call after <c>AddServiceDefaults</c>.
    /// </summary>
    public static IHostApplicationBuilder AddXPostSource(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<XApiOptions>()
            .Bind(builder.Configuration.GetSection(XApiOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                "Harvest:X:BaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.PageBudget >= 1, "Harvest:X:PageBudget must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<HarvestOptions>()
            .Bind(builder.Configuration.GetSection(HarvestOptions.SectionName))
            .PostConfigure(o =>
            {
                // Defaults are added after binding: binding appends to a pre-filled list instead of replacing it.
                if (o.Queries.Count == 0)
                {
                    o.Queries.AddRange(DefaultXQueries.All);
                }
            });

        var useXApi = !string.IsNullOrWhiteSpace(builder.Configuration[$"{XApiOptions.SectionName}:{nameof(XApiOptions.BearerToken)}"]);
        if (useXApi)
        {
            // The service-wide standard handler also retries 429, which only burns requests of a spent
            // window: X's reset is usually minutes away. This client keeps the standard handler for
            // 5xx and timeouts but hands every 429 straight to XApiClient (XRateLimitedException).
            // RemoveAllResilienceHandlers is the documented way to replace the default handler for one client;
            // it is marked experimental, so a future package update may need this line revisited.
#pragma warning disable EXTEXP0001
            services.AddHttpClient<XApiClient>()
                .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
                .AddStandardResilienceHandler(resilience => resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests && HttpClientResiliencePredicates.IsTransient(args.Outcome)));
            // Transient like the typed client itself, so the factory can rotate its handlers.
            services.AddTransient<IXPostSource>(sp => sp.GetRequiredService<XApiClient>());
        }
        else
        {
            services.AddSingleton<EmbeddedXPostSource>();
            services.AddSingleton<IXPostSource>(sp => sp.GetRequiredService<EmbeddedXPostSource>());
        }

        services.AddHostedService(sp => new XSourceStartupLog(
            useXApi, sp.GetRequiredService<IOptions<XApiOptions>>(), sp.GetRequiredService<IOptions<HarvestOptions>>(), sp.GetRequiredService<ILogger<XSourceStartupLog>>()));
        return builder;
    }
}
