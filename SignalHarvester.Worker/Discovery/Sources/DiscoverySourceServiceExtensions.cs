using SignalHarvester.Worker.Discovery.Sources.Arxiv;
using SignalHarvester.Worker.Discovery.Sources.GitHub;
using SignalHarvester.Worker.Discovery.Sources.HackerNews;
using SignalHarvester.Worker.Discovery.Sources.X;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>Every discovery source, one line each; consumers resolve <c>IEnumerable&lt;IDiscoverySource&gt;</c>.</summary>
public static class DiscoverySourceServiceExtensions
{
    /// <summary>
    /// The sources that read an upstream API, each live, sample or off by its mode (decided by
    /// <see cref="DiscoverySourceRegistry"/>). A new source is a folder beside these with its plug-in, and a line here.
    /// </summary>
    public static IHostApplicationBuilder AddDiscoverySources(this IHostApplicationBuilder builder)
    {
        new DiscoverySourceRegistry(builder)
            .Add(new ArxivSourcePlugin())
            .Add(new GitHubSourcePlugin())
            .Add(new HackerNewsSourcePlugin());
        return builder;
    }

    /// <summary>
    /// Posts the signal pipeline harvested, as artifacts of source <c>x</c>: read from the harvest's database rather
    /// than fetched, so it has no mode of its own (each artifact keeps its post's origin) and needs the database the
    /// discovery pipeline runs on. <c>Discovery:Sources:X:Enabled=false</c> leaves it out.
    /// </summary>
    public static IHostApplicationBuilder AddHarvestedPostSource(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<XArtifactSourceOptions>(builder.Configuration.GetSection(XArtifactSourceOptions.SectionName));
        if (builder.Configuration.GetValue($"{XArtifactSourceOptions.SectionName}:{nameof(XArtifactSourceOptions.Enabled)}", true))
        {
            builder.Services.AddTransient<IDiscoverySource, XArtifactSource>();
        }

        return builder;
    }
}
