using System.ComponentModel.DataAnnotations;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>What every discovery source is configured with, under <c>Discovery:Sources:&lt;Name&gt;</c>.</summary>
public abstract class DiscoverySourceOptions
{
    public const string SectionPrefix = "Discovery:Sources";

    /// <summary>
    /// The API root; empty means the source's public address. In sample mode it is the embedded
    /// sample's <see cref="EmbeddedSampleHandler.BaseUri"/>, where nothing leaves the process.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent on every request: public APIs ask clients to identify themselves.</summary>
    [Required]
    public string UserAgent { get; set; } = "SignalHarvester/0.1 (research discovery)";
}
