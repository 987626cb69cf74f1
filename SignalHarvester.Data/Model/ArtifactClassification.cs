namespace SignalHarvester.Data.Model;

/// <summary>The research classification of an artifact (one row per artifact).</summary>
public class ArtifactClassification
{
    public long Id { get; set; }
    public long ArtifactId { get; set; }
    /// <summary>Preprint, Breakthrough, Lab Milestone, Open-Source Release, Funding/Grant, Conference/Workshop or Other.</summary>
    public required string Category { get; set; }
    /// <summary>0..3.</summary>
    public int Urgency { get; set; }
    public string[] Tags { get; set; } = [];
    /// <summary>Taxonomy paths as the classifier returned them (e.g. ai/ml/rl).</summary>
    public string[] Topics { get; set; } = [];
    /// <summary>Entities the classifier found (name and type), as JSON (jsonb).</summary>
    public string? Entities { get; set; }
    public string? Reasoning { get; set; }
    public required string ClassifiedBy { get; set; }
    /// <summary>True when the configured LLM failed or had no key and the heuristic was used instead.</summary>
    public bool Fallback { get; set; }
    public DateTimeOffset ClassifiedAt { get; set; }

    public Artifact Artifact { get; set; } = null!;
}
