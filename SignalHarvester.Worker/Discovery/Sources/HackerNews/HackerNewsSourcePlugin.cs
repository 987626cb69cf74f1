using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.HackerNews;

/// <summary>Hacker News as a discovery source: the Firebase API live, <c>Samples/hackernews.json</c> in sample mode.</summary>
internal sealed class HackerNewsSourcePlugin : DiscoverySourcePlugin<HackerNewsSource, HackerNewsSourceOptions>
{
    public override string Name => SourceNames.HackerNews;

    public override string SectionName => HackerNewsSourceOptions.SectionName;

    public override string PublicBaseUrl => HackerNewsSourceOptions.PublicBaseUrl;

    public override string SampleDetail => "the bundled Hacker News sample (Discovery/Sources/HackerNews/Samples/hackernews.json), re-dated so the newest story is an hour old";

    public override HttpResponseMessage SampleResponse(HttpRequestMessage request, DateTimeOffset now) => new HackerNewsSampleResponder(now).Respond(request);

    public override string DescribeRequest(HackerNewsSourceOptions options) => $"lists {string.Join(", ", options.Lists)}";

    public override void Configure(OptionsBuilder<HackerNewsSourceOptions> options, IConfigurationSection section, SourceSetting setting) => options
        .Configure(o => o.Lists = ConfiguredList.Read(section, nameof(o.Lists)) ?? o.Lists)
        .Validate(o => o.Lists.Count > 0 && o.Lists.All(HackerNewsSource.KnownLists.Contains), $"Discovery:Sources:HackerNews:Lists must name some of: {string.Join(", ", HackerNewsSource.KnownLists)}.");
}
