namespace SignalHarvester.Data.Model;

/// <summary>A directed link between two artifacts (citation, implementation, discussion, ...).</summary>
public class ArtifactRelationship
{
    public long Id { get; set; }
    public long SourceArtifactId { get; set; }
    public long TargetArtifactId { get; set; }
    /// <summary>cite, reference, implement, discuss, related or mention.</summary>
    public required string RelationshipType { get; set; }
    public double Confidence { get; set; }
    /// <summary>How the link was found (e.g. arxiv_id, doi, github_url, semantic).</summary>
    public required string DetectionMethod { get; set; }
    public string? Metadata { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
