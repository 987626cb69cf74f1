namespace SignalHarvester.Domain.Discovery;

/// <summary>Weights of <see cref="EntitySimilarity"/>; bound from the <c>Discovery:EntityResolution</c> configuration section.</summary>
public sealed class EntityResolutionOptions
{
    public const string SectionName = "Discovery:EntityResolution";

    public double NameWeight { get; set; } = 0.50;
    public double AffiliationWeight { get; set; } = 0.30;
    public double DomainWeight { get; set; } = 0.15;
    public double AccountsWeight { get; set; } = 0.05;

    /// <summary>Similarity from which two entities are the same (0..1).</summary>
    public double MergeThreshold { get; set; } = 0.75;

    /// <summary>Similarity from which a pair the resolver kept apart is listed for human review (0..1).</summary>
    public double ReviewThreshold { get; set; } = 0.6;
}
