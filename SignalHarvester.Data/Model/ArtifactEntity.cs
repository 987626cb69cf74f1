namespace SignalHarvester.Data.Model;

/// <summary>Who is behind an artifact: the link between an artifact and a resolved entity (author, lab, owner).</summary>
public class ArtifactEntity
{
    public long ArtifactId { get; set; }
    public long EntityId { get; set; }
    /// <summary>author, affiliation or owner.</summary>
    public required string Role { get; set; }

    public ResearchEntity Entity { get; set; } = null!;
}
