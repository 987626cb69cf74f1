using System.ComponentModel.DataAnnotations;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>What every discovery source is configured with, under <c>Discovery:Sources:&lt;Name&gt;</c>.</summary>
public abstract class DiscoverySourceOptions
{
    public const string SectionPrefix = "Discovery:Sources";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The API root. Left empty, the source reads its embedded sample feed instead of the network,
    /// so a fresh install produces artifacts with no network and no credentials. Set it to the
    /// source's <c>PublicBaseUrl</c> for real use, or to a fake server in tests.
    /// </summary>
    public string? BaseUrl { get; set; }

    public bool UseEmbeddedSample => string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>Sent on every request: public APIs ask clients to identify themselves.</summary>
    [Required]
    public string UserAgent { get; set; } = "SignalHarvester/0.1 (research discovery)";

    /// <summary>Where the source reads from, for logs: the base URL or "embedded sample".</summary>
    public string Origin => UseEmbeddedSample ? "embedded sample" : BaseUrl!;
}
