using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.GitHub;

/// <summary>GitHub as a discovery source: the REST API live, <c>Samples/github-*.json</c> in sample mode.</summary>
internal sealed class GitHubSourcePlugin : DiscoverySourcePlugin<GitHubSource, GitHubSourceOptions>
{
    public override string Name => SourceNames.GitHub;

    public override string SectionName => GitHubSourceOptions.SectionName;

    public override string PublicBaseUrl => GitHubSourceOptions.PublicBaseUrl;

    public override string SampleDetail => "the bundled GitHub sample (Discovery/Sources/GitHub/Samples/github-*.json), re-dated so the newest item is an hour old";

    public override string? CredentialKey => nameof(GitHubSourceOptions.Token);

    public override HttpResponseMessage SampleResponse(HttpRequestMessage request, DateTimeOffset now) => new GitHubSampleResponder(now).Respond(request);

    public override string DescribeRequest(GitHubSourceOptions options) =>
        $"topics {string.Join(", ", options.Topics)}; organizations {string.Join(", ", options.Organizations)}";

    public override void Configure(OptionsBuilder<GitHubSourceOptions> options, IConfigurationSection section, SourceSetting setting) => options
        .Configure(o =>
        {
            o.Topics = ConfiguredList.Read(section, nameof(o.Topics)) ?? o.Topics;
            o.Organizations = ConfiguredList.Read(section, nameof(o.Organizations)) ?? o.Organizations;
            o.Repositories = ConfiguredList.Read(section, nameof(o.Repositories)) ?? o.Repositories;
        })
        .Validate(o => o.Repositories.All(r => r.Split('/') is [{ Length: > 0 }, { Length: > 0 }]), "Discovery:Sources:GitHub:Repositories entries must be \"owner/repo\".");
}
