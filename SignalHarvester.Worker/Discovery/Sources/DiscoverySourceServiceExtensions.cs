using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>Registers the discovery sources; consumers resolve <c>IEnumerable&lt;IDiscoverySource&gt;</c>.</summary>
public static class DiscoverySourceServiceExtensions
{
    /// <summary>
    /// Binds <c>Discovery:Sources:Arxiv|GitHub|HackerNews</c> and registers each source for its mode
    /// (<c>&lt;section&gt;:Mode</c>, else <c>Sources:Mode</c>): live over a typed HttpClient to its base
    /// URL (the public API unless configured), sample over the same client answered in process by the
    /// source's embedded sample, off not at all. Another source (e.g. X) joins the pipeline by
    /// registering itself as <see cref="IDiscoverySource"/> too.
    /// </summary>
    public static IHostApplicationBuilder AddDiscoverySources(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RequestPacer>();

        AddSource<ArxivSource, ArxivSourceOptions>(
            builder, SourceNames.Arxiv, ArxivSourceOptions.SectionName, ArxivSourceOptions.PublicBaseUrl,
            "the bundled arXiv sample (Discovery/Samples/arxiv.xml), re-dated so the newest paper is an hour old",
            clock => request => new ArxivSampleResponder(clock.GetUtcNow()).Respond(request),
            (options, section) => options.Categories = ConfiguredList.Read(section, nameof(options.Categories)) ?? options.Categories)
            .PostConfigure<SourceSettings>((options, sources) =>
            {
                // Nothing to be polite to: the sample answers in process.
                if (sources.Find(SourceNames.Arxiv)?.Mode == SourceMode.Sample)
                {
                    options.MinRequestInterval = TimeSpan.Zero;
                }
            })
            .Validate(o => o.Categories.Count > 0, "Discovery:Sources:Arxiv:Categories needs at least one category.")
            .Validate(o => o.MinRequestInterval >= TimeSpan.Zero, "Discovery:Sources:Arxiv:MinRequestInterval cannot be negative.");
        AddSource<GitHubSource, GitHubSourceOptions>(
            builder, SourceNames.GitHub, GitHubSourceOptions.SectionName, GitHubSourceOptions.PublicBaseUrl,
            "the bundled GitHub sample (Discovery/Samples/github-*.json), re-dated so the newest item is an hour old",
            clock => request => new GitHubSampleResponder(clock.GetUtcNow()).Respond(request),
            (options, section) =>
            {
                options.Topics = ConfiguredList.Read(section, nameof(options.Topics)) ?? options.Topics;
                options.Organizations = ConfiguredList.Read(section, nameof(options.Organizations)) ?? options.Organizations;
                options.Repositories = ConfiguredList.Read(section, nameof(options.Repositories)) ?? options.Repositories;
            },
            credentialKey: nameof(GitHubSourceOptions.Token))
            .Validate(o => o.Repositories.All(r => r.Split('/') is [{ Length: > 0 }, { Length: > 0 }]), "Discovery:Sources:GitHub:Repositories entries must be \"owner/repo\".");
        AddSource<HackerNewsSource, HackerNewsSourceOptions>(
            builder, SourceNames.HackerNews, HackerNewsSourceOptions.SectionName, HackerNewsSourceOptions.PublicBaseUrl,
            "the bundled Hacker News sample (Discovery/Samples/hackernews.json), re-dated so the newest story is an hour old",
            clock => request => new HackerNewsSampleResponder(clock.GetUtcNow()).Respond(request),
            (options, section) => options.Lists = ConfiguredList.Read(section, nameof(options.Lists)) ?? options.Lists)
            .Validate(o => o.Lists.Count > 0 && o.Lists.All(HackerNewsSource.KnownLists.Contains), $"Discovery:Sources:HackerNews:Lists must name some of: {string.Join(", ", HackerNewsSource.KnownLists)}.");

        services.TryAddSingleton<SkippedItems>();
        services.AddHostedService<DiscoverySourceStartupLog>();
        return builder;
    }

    private static OptionsBuilder<TOptions> AddSource<TSource, TOptions>(
        IHostApplicationBuilder builder,
        string name,
        string sectionName,
        string publicBaseUrl,
        string sampleDetail,
        Func<TimeProvider, Func<HttpRequestMessage, HttpResponseMessage>> sample,
        Action<TOptions, IConfigurationSection> replaceLists,
        string? credentialKey = null)
        where TSource : class, IDiscoverySource
        where TOptions : DiscoverySourceOptions
    {
        var section = builder.Configuration.GetSection(sectionName);
        var baseUrl = string.IsNullOrWhiteSpace(section[nameof(DiscoverySourceOptions.BaseUrl)]) ? publicBaseUrl : section[nameof(DiscoverySourceOptions.BaseUrl)]!.Trim();
        var setting = SourceSetting.Plain(name, SourceSettings.ConfiguredMode(builder.Configuration, sectionName), baseUrl, sampleDetail);
        if (credentialKey is not null)
        {
            setting = setting with { CredentialConfigured = !string.IsNullOrWhiteSpace(section[credentialKey]) };
        }

        builder.Services.AddSourceSetting(setting);
        var options = builder.Services.AddOptions<TOptions>()
            .Configure(options =>
            {
                section.Bind(options);
                replaceLists(options, section);
                options.BaseUrl = setting.Mode == SourceMode.Sample ? EmbeddedSampleHandler.BaseUri.AbsoluteUri : baseUrl;
            })
            .ValidateDataAnnotations()
            .Validate(
                o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                $"{sectionName}:BaseUrl must be an absolute http(s) URL (or empty for the public API).")
            .ValidateOnStart();
        if (setting.IsOff)
        {
            return options;
        }

        var client = builder.Services.AddHttpClient<TSource>();
        if (setting.Mode == SourceMode.Sample)
        {
            // The only difference between sample and live: who answers the requests.
            client.ConfigurePrimaryHttpMessageHandler(services => new EmbeddedSampleHandler(sample(services.GetRequiredService<TimeProvider>())));
        }

        builder.Services.AddTransient<IDiscoverySource>(services => services.GetRequiredService<TSource>());
        return options;
    }
}
