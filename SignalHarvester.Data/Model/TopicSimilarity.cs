namespace SignalHarvester.Data.Model;

/// <summary>Similarity of two topics' centroids, stored once per pair with TopicAId &lt; TopicBId.</summary>
public class TopicSimilarity
{
    public long TopicAId { get; set; }
    public long TopicBId { get; set; }
    public double Similarity { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}
