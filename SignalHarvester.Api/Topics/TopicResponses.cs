using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Topics;

/// <summary>A topic of the taxonomy with its artifact count and the span of its artifacts.</summary>
public sealed record TopicResponse(
    long Id,
    string Name,
    string? DisplayName,
    long? ParentId,
    int ArtifactCount,
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset? LastSeenAt)
{
    public static TopicResponse From(Topic topic) =>
        new(topic.Id, topic.Name, topic.DisplayName, topic.ParentId, topic.ArtifactCount, topic.FirstSeenAt, topic.LastSeenAt);
}

/// <summary>One topic with its latest period, its trend and the topics most similar to it.</summary>
public sealed record TopicDetailResponse(TopicResponse Topic, TopicPeriodResponse? LatestPeriod, IReadOnlyList<SimilarTopicResponse> SimilarTopics);

public sealed record SimilarTopicResponse(long Id, string Name, double Similarity);

/// <summary>A topic's activity in one period (a <c>topic_evolution</c> row); <c>trend</c> is derived from the growth rate.</summary>
public sealed record TopicPeriodResponse(
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    int ArtifactCount,
    double EmergenceScore,
    double? GrowthRate,
    string? Trend);

/// <summary>A topic's periods newest first, the current trend, and its merge / split / emergence events.</summary>
public sealed record TopicEvolutionResponse(
    long TopicId,
    string Name,
    string? Trend,
    IReadOnlyList<TopicPeriodResponse> Periods,
    IReadOnlyList<TopicEventResponse> Events);

/// <summary>A merge, split or emergence: <c>topic</c> merged into / split from <c>relatedTopic</c>, or emerged.</summary>
public sealed record TopicEventResponse(
    long Id,
    string EventType,
    TopicReference Topic,
    TopicReference? RelatedTopic,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    int ArtifactCount,
    double EmergenceScore,
    double? GrowthRate,
    DateTimeOffset RecordedAt);

public sealed record TopicReference(long Id, string Name);

/// <summary>Topics picking up within a window, most emergent first.</summary>
public sealed record TrendingTopicsResponse(int WindowDays, IReadOnlyList<TrendingTopicResponse> Items);

/// <summary>
/// A topic's activity in the window: artifacts published in it and in the window before, its
/// log-linear daily growth, emergence score (0..100) and trend class.
/// </summary>
public sealed record TrendingTopicResponse(
    long Id,
    string Name,
    string? DisplayName,
    int ArtifactsInWindow,
    int ArtifactsInPreviousWindow,
    int TotalArtifacts,
    double GrowthRate,
    double EmergenceScore,
    string Trend);

/// <summary>Artifact counts of one topic per day or week (bucket start, UTC), empty buckets included.</summary>
public sealed record TopicTimelineResponse(long TopicId, string Name, string Interval, int Total, IReadOnlyList<TimelineBucket> Buckets);

public sealed record TimelineBucket(DateTimeOffset Start, int Count);

/// <summary>Topic figures: how many, how many in use, topics by current trend, similar pairs and events by type.</summary>
public sealed record TopicStatsResponse(
    int Topics,
    int TopicsWithArtifacts,
    int Assignments,
    int SimilarPairs,
    IReadOnlyDictionary<string, int> ByTrend,
    IReadOnlyDictionary<string, int> Events,
    DateTimeOffset? LastEvolvedAt);
