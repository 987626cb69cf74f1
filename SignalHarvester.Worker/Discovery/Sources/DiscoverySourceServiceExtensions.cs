using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>Registers the discovery sources; consumers resolve <c>IEnumerable&lt;IDiscoverySource&gt;</c>.</summary>
public static class DiscoverySourceServiceExtensions
{
    /// <summary>
    /// Binds <c>Discovery:Sources:Arxiv|GitHub|HackerNews</c> and registers the three sources as
    /// typed HttpClients and as <see cref="IDiscoverySource"/>. Another source (e.g. X) joins the
    /// pipeline by registering itself as <see cref="IDiscoverySource"/> too.
    /// </summary>
    public static IHostApplicationBuilder AddDiscoverySources(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RequestPacer>();

        AddSourceOptions<ArxivSourceOptions>(builder, ArxivSourceOptions.SectionName, (options, section) =>
            options.Categories = ConfiguredList.Read(section, nameof(options.Categories)) ?? options.Categories)
            .Validate(o => o.Categories.Count > 0, "Discovery:Sources:Arxiv:Categories needs at least one category.")
            .Validate(o => o.MinRequestInterval >= TimeSpan.Zero, "Discovery:Sources:Arxiv:MinRequestInterval cannot be negative.");
        AddSourceOptions<GitHubSourceOptions>(builder, GitHubSourceOptions.SectionName, (options, section) =>
        {
            options.Topics = ConfiguredList.Read(section, nameof(options.Topics)) ?? options.Topics;
            options.Organizations = ConfiguredList.Read(section, nameof(options.Organizations)) ?? options.Organizations;
            options.Repositories = ConfiguredList.Read(section, nameof(options.Repositories)) ?? options.Repositories;
        })
            .Validate(o => o.Repositories.All(r => r.Split('/') is [{ Length: > 0 }, { Length: > 0 }]), "Discovery:Sources:GitHub:Repositories entries must be \"owner/repo\".");
        AddSourceOptions<HackerNewsSourceOptions>(builder, HackerNewsSourceOptions.SectionName, (options, section) =>
            options.Lists = ConfiguredList.Read(section, nameof(options.Lists)) ?? options.Lists)
            .Validate(o => o.Lists.Count > 0 && o.Lists.All(HackerNewsSource.KnownLists.Contains), $"Discovery:Sources:HackerNews:Lists must name some of: {string.Join(", ", HackerNewsSource.KnownLists)}.");

        services.AddHttpClient<ArxivSource>();
        services.AddHttpClient<GitHubSource>();
        services.AddHttpClient<HackerNewsSource>();
        services.AddTransient<IDiscoverySource>(sp => sp.GetRequiredService<ArxivSource>());
        services.AddTransient<IDiscoverySource>(sp => sp.GetRequiredService<GitHubSource>());
        services.AddTransient<IDiscoverySource>(sp => sp.GetRequiredService<HackerNewsSource>());

        services.AddHostedService<DiscoverySourceStartupLog>();
        return builder;
    }

    private static OptionsBuilder<TOptions> AddSourceOptions<TOptions>(IHostApplicationBuilder builder, string sectionName, Action<TOptions, IConfigurationSection> replaceLists)
        where TOptions : DiscoverySourceOptions
    {
        var section = builder.Configuration.GetSection(sectionName);
        return builder.Services.AddOptions<TOptions>()
            .Configure(options =>
            {
                section.Bind(options);
                replaceLists(options, section);
            })
            .ValidateDataAnnotations()
            .Validate(
                o => o.UseEmbeddedSample || (Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
                $"{sectionName}:BaseUrl must be an absolute http(s) URL, or empty for the embedded sample.")
            .ValidateOnStart();
    }
}
