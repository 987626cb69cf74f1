using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Signals.XApi;

public static class XSourceServiceExtensions
{
    /// <summary>
    /// Binds <see cref="XApiOptions"/> (<c>Harvest:X</c>) and <see cref="HarvestOptions"/> (<c>Harvest</c>;
    /// empty queries become <see cref="DefaultXQueries.All"/>) and registers <see cref="IXPostSource"/> for
    /// the X source's mode (<c>Harvest:X:Mode</c>, else <c>Sources:Mode</c>): <see cref="XApiClient"/> when
    /// live and a bearer token is set, <see cref="EmbeddedXPostSource"/> for the sample, nothing when off
    /// (live without a token is off: a deployment never falls back to samples). Call after <c>AddServiceDefaults</c>.
    /// </summary>
    public static IHostApplicationBuilder AddXPostSource(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
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

        var setting = services.AddSourceSetting(Setting(builder.Configuration));
        switch (setting.Mode)
        {
            case SourceMode.Live:
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
                break;
            case SourceMode.Sample:
                services.AddSingleton<EmbeddedXPostSource>();
                services.AddSingleton<IXPostSource>(sp => sp.GetRequiredService<EmbeddedXPostSource>());
                break;
        }

        services.AddHostedService<XQueriesStartupLog>();
        return builder;
    }

    private static SourceSetting Setting(IConfiguration configuration)
    {
        var mode = SourceSettings.ConfiguredMode(configuration, XApiOptions.SectionName);
        var hasToken = !string.IsNullOrWhiteSpace(configuration[$"{XApiOptions.SectionName}:{nameof(XApiOptions.BearerToken)}"]);
        var baseUrl = configuration[$"{XApiOptions.SectionName}:{nameof(XApiOptions.BaseUrl)}"] is { Length: > 0 } configured ? configured : new XApiOptions().BaseUrl;
        return mode switch
        {
            SourceMode.Live when hasToken => new(SourceNames.X, mode, mode, $"X recent search at {baseUrl}", baseUrl, true),
            SourceMode.Live => new(SourceNames.X, mode, SourceMode.Off,
                "live needs a bearer token (Harvest:X:BearerToken, or the x-bearer-token parameter); none is set, so no posts are harvested",
                CredentialConfigured: false),
            SourceMode.Sample => new(SourceNames.X, mode, mode,
                "the bundled sample posts (Signals/Samples/XSearch), re-dated so the newest is an hour old", CredentialConfigured: hasToken),
            _ => SourceSetting.Off(SourceNames.X, hasToken),
        };
    }
}
