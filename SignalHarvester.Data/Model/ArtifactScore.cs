using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Data.Model;

/// <summary>The current discovery score of an artifact and its components (one row per artifact).</summary>
public class ArtifactScore
{
    public long Id { get; set; }
    public long ArtifactId { get; set; }
    public double Novelty { get; set; }
    public double Emergence { get; set; }
    public double Obscurity { get; set; }
    public double CrossSourceBonus { get; set; }
    public double ExpertBonus { get; set; }
    public double RecencyFactor { get; set; }
    /// <summary>The final score, 0..100.</summary>
    public double DiscoveryScore { get; set; }
    /// <summary>Identifies the weights / half-life configuration the score was computed with.</summary>
    public string? ConfigVersion { get; set; }
    public DateTimeOffset ComputedAt { get; set; }

    public Artifact Artifact { get; set; } = null!;

    public DiscoveryScoreComponents Components() =>
        new(Novelty, Emergence, Obscurity, CrossSourceBonus, ExpertBonus, RecencyFactor, DiscoveryScore);
}
