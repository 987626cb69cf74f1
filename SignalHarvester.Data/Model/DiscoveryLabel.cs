namespace SignalHarvester.Data.Model;

/// <summary>A human judgement of one artifact (one label per artifact), used by experiments.</summary>
public class DiscoveryLabel
{
    public long Id { get; set; }
    public long ArtifactId { get; set; }
    /// <summary>relevant, irrelevant, ...</summary>
    public required string Label { get; set; }
    public string? Annotator { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
