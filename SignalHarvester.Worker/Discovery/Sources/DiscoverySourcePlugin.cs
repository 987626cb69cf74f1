using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// What registering a source that reads an upstream HTTP API needs to know about it: one per source folder, added
/// with one line in <see cref="DiscoverySourceServiceExtensions.AddDiscoverySources"/>. The registration, not the
/// source, decides between live and sample (<see cref="DiscoverySourceRegistry"/>), so a source's code is the same in both.
/// </summary>
public abstract class DiscoverySourcePlugin<TSource, TOptions>
    where TSource : class, IDiscoverySource
    where TOptions : DiscoverySourceOptions
{
    /// <summary>The source's name (one of <see cref="SourceNames"/>), as its <see cref="IDiscoverySource.Name"/> says.</summary>
    public abstract string Name { get; }

    /// <summary><c>Discovery:Sources:&lt;Name&gt;</c>.</summary>
    public abstract string SectionName { get; }

    /// <summary>Where live mode reads when <see cref="DiscoverySourceOptions.BaseUrl"/> is not configured.</summary>
    public abstract string PublicBaseUrl { get; }

    /// <summary>What sample mode serves, for the start-up report.</summary>
    public abstract string SampleDetail { get; }

    /// <summary>The configuration key of the source's credential, reported as set or not (never its value); null when it has none.</summary>
    public virtual string? CredentialKey => null;

    /// <summary>Answers one of the source's requests in sample mode, from its embedded sample re-dated to <paramref name="now"/>.</summary>
    public abstract HttpResponseMessage SampleResponse(HttpRequestMessage request, DateTimeOffset now);

    /// <summary>What the source asks for (topics, lists, ...), said once at start.</summary>
    public abstract string DescribeRequest(TOptions options);

    /// <summary>
    /// The source's own binding and validation on top of the common ones: lists that replace their defaults
    /// (<see cref="ConfiguredList"/>), rules across settings, a setting that depends on the decided mode.
    /// </summary>
    public virtual void Configure(OptionsBuilder<TOptions> options, IConfigurationSection section, SourceSetting setting)
    {
    }
}
