namespace SignalHarvester.Data.Model;

/// <summary>A topic's activity in one period, and any merge / split / emergence event detected in it.</summary>
public class TopicEvolution
{
    public long Id { get; set; }
    public long TopicId { get; set; }
    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }
    public int ArtifactCount { get; set; }
    public double EmergenceScore { get; set; }
    public double? GrowthRate { get; set; }
    /// <summary>merge, split, emergence, or null for a plain activity row.</summary>
    public string? EventType { get; set; }
    /// <summary>The other topic of a merge or split.</summary>
    public long? RelatedTopicId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
