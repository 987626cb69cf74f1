namespace SignalHarvester.Data.Model;

/// <summary>One entity-resolution decision about a pair of entities; kept forever as an audit trail.</summary>
public class EntityMergeHistory
{
    public long Id { get; set; }
    public long PrimaryEntityId { get; set; }
    public long MergedEntityId { get; set; }
    /// <summary>merge, ignore, watch or needs_review.</summary>
    public required string Decision { get; set; }
    public double Similarity { get; set; }
    public string? DecidedBy { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
