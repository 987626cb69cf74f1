namespace SignalHarvester.Domain.Discovery;

/// <summary>Semantic link settings of relationship detection; bound from <c>Discovery:Relationships</c>.</summary>
public sealed class RelationshipDetectionOptions
{
    public const string SectionName = "Discovery:Relationships";

    /// <summary>Cosine similarity of two artifacts' embeddings from which they are <c>related</c> (0..1).</summary>
    public double SemanticThreshold { get; set; } = 0.45;

    /// <summary>At most this many <c>related</c> links per artifact, most similar first.</summary>
    public int SemanticTopK { get; set; } = 3;

    /// <summary>Only artifacts published in the last this many days are compared.</summary>
    public int SemanticWindowDays { get; set; } = 90;

    /// <summary>
    /// And at most this many of them, newest first. Their embeddings are held in memory while the links
    /// are found (about 1.8 KB each at 256 dimensions, with the index), so this bounds the stage's memory;
    /// above <see cref="ExactSemanticUpTo"/> the time grows about as n log n (docs/performance.md).
    /// </summary>
    public int MaxSemanticArtifacts { get; set; } = 200_000;

    /// <summary>Up to this many compared artifacts every pair is compared (exact); above, an approximate index is searched.</summary>
    public int ExactSemanticUpTo { get; set; } = SemanticLinkIndex.DefaultExactUpTo;

    /// <summary>A description of what is wrong, or null when the settings are usable.</summary>
    public static string? Validate(RelationshipDetectionOptions options) =>
        options.SemanticThreshold is < 0 or > 1 ? "SemanticThreshold must be between 0 and 1."
        : options.SemanticTopK < 0 ? "SemanticTopK must not be negative."
        : options.SemanticWindowDays < 1 ? "SemanticWindowDays must be at least 1."
        : options.MaxSemanticArtifacts < 0 ? "MaxSemanticArtifacts must not be negative."
        : options.ExactSemanticUpTo < 0 ? "ExactSemanticUpTo must not be negative."
        : null;
}
