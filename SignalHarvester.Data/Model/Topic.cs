namespace SignalHarvester.Data.Model;

/// <summary>A node of the topic taxonomy, named by its path (e.g. ai/ml/rl).</summary>
public class Topic
{
    public long Id { get; set; }
    /// <summary>The taxonomy path, unique (e.g. ai/ml/rl, quantum/hardware).</summary>
    public required string Name { get; set; }
    public string? DisplayName { get; set; }
    public long? ParentId { get; set; }
    public Topic? Parent { get; set; }
    /// <summary>Recency-weighted mean embedding of the topic's artifacts (real[]).</summary>
    public float[]? Centroid { get; set; }
    public int ArtifactCount { get; set; }
    public DateTimeOffset? FirstSeenAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public ICollection<ArtifactTopic> Artifacts { get; set; } = [];
}
