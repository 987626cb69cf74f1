using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.Arxiv;

/// <summary>arXiv as a discovery source: the export API live, <c>Samples/arxiv.xml</c> in sample mode.</summary>
internal sealed class ArxivSourcePlugin : DiscoverySourcePlugin<ArxivSource, ArxivSourceOptions>
{
    public override string Name => SourceNames.Arxiv;

    public override string SectionName => ArxivSourceOptions.SectionName;

    public override string PublicBaseUrl => ArxivSourceOptions.PublicBaseUrl;

    public override string SampleDetail => "the bundled arXiv sample (Discovery/Sources/Arxiv/Samples/arxiv.xml), re-dated so the newest paper is an hour old";

    public override HttpResponseMessage SampleResponse(HttpRequestMessage request, DateTimeOffset now) => new ArxivSampleResponder(now).Respond(request);

    public override string DescribeRequest(ArxivSourceOptions options) => $"categories {string.Join(", ", options.Categories)}";

    public override void Configure(OptionsBuilder<ArxivSourceOptions> options, IConfigurationSection section, SourceSetting setting)
    {
        options
            .Configure(o => o.Categories = ConfiguredList.Read(section, nameof(o.Categories)) ?? o.Categories)
            .Validate(o => o.Categories.Count > 0, "Discovery:Sources:Arxiv:Categories needs at least one category.")
            .Validate(o => o.MinRequestInterval >= TimeSpan.Zero, "Discovery:Sources:Arxiv:MinRequestInterval cannot be negative.");
        if (setting.Mode == SourceMode.Sample)
        {
            // Nothing to be polite to: the sample answers in process.
            options.PostConfigure(o => o.MinRequestInterval = TimeSpan.Zero);
        }
    }
}
