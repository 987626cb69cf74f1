using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// Registers the discovery sources that read an upstream HTTP API, deciding each one's mode once
/// (<c>&lt;section&gt;:Mode</c>, else <c>Sources:Mode</c>): live over a typed HttpClient to its base URL (the public
/// API unless configured), sample over the same client answered in process by the source's embedded sample, off
/// not at all. Consumers resolve <c>IEnumerable&lt;IDiscoverySource&gt;</c>.
/// </summary>
public sealed class DiscoverySourceRegistry
{
    private readonly IHostApplicationBuilder builder;

    public DiscoverySourceRegistry(IHostApplicationBuilder builder)
    {
        this.builder = builder;
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<RequestPacer>();
        builder.Services.TryAddSingleton<SkippedItems>();
        builder.Services.AddHostedService<DiscoverySourceStartupLog>();
    }

    public DiscoverySourceRegistry Add<TSource, TOptions>(DiscoverySourcePlugin<TSource, TOptions> plugin)
        where TSource : class, IDiscoverySource
        where TOptions : DiscoverySourceOptions
    {
        var section = builder.Configuration.GetSection(plugin.SectionName);
        var baseUrl = string.IsNullOrWhiteSpace(section[nameof(DiscoverySourceOptions.BaseUrl)]) ? plugin.PublicBaseUrl : section[nameof(DiscoverySourceOptions.BaseUrl)]!.Trim();
        var setting = SourceSetting.Plain(plugin.Name, SourceSettings.ConfiguredMode(builder.Configuration, plugin.SectionName), baseUrl, plugin.SampleDetail);
        if (plugin.CredentialKey is { } credentialKey)
        {
            setting = setting with { CredentialConfigured = !string.IsNullOrWhiteSpace(section[credentialKey]) };
        }

        builder.Services.AddSourceSetting(setting);
        var options = builder.Services.AddOptions<TOptions>()
            .Configure(options =>
            {
                section.Bind(options);
                options.BaseUrl = setting.Mode == SourceMode.Sample ? EmbeddedSampleHandler.BaseUri.AbsoluteUri : baseUrl;
            })
            .ValidateDataAnnotations()
            .Validate(
                o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                $"{plugin.SectionName}:BaseUrl must be an absolute http(s) URL (or empty for the public API).")
            .ValidateOnStart();
        plugin.Configure(options, section, setting);
        builder.Services.AddSingleton(new RegisteredDiscoverySource(
            plugin.Name, plugin.SectionName, typeof(TSource), services => plugin.DescribeRequest(services.GetRequiredService<IOptions<TOptions>>().Value)));
        if (setting.IsOff)
        {
            return this;
        }

        var client = builder.Services.AddHttpClient<TSource>();
        if (setting.Mode == SourceMode.Sample)
        {
            // The only difference between sample and live: who answers the requests.
            client.ConfigurePrimaryHttpMessageHandler(services =>
            {
                var clock = services.GetRequiredService<TimeProvider>();
                return new EmbeddedSampleHandler(request => plugin.SampleResponse(request, clock.GetUtcNow()));
            });
        }

        builder.Services.AddTransient<IDiscoverySource>(services => services.GetRequiredService<TSource>());
        return this;
    }
}
