namespace SignalHarvester.Data.Model;

/// <summary>A group of related topics found by clustering their centroids.</summary>
public class TopicCluster
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long[] TopicIds { get; set; } = [];
    public float[]? Centroid { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
