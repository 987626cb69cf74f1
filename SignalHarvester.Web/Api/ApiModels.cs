namespace SignalHarvester.Web.Api;

// The API's JSON contracts as the console reads them (SignalHarvester.Api/Contracts, docs/api.md):
// only the fields a page shows, so the console does not depend on the API's assembly.

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool TotalExact = true)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record Signal(
    string Id, string Origin, string Text, SignalAuthor Author, DateTimeOffset CreatedAt, SignalEngagement Engagement,
    IReadOnlyList<string> MatchedQueries, string? Category, string? Sentiment, int? Urgency, IReadOnlyList<string> Tags,
    string? Reasoning, string? ClassifiedBy, bool ClassificationFallback, double? Salience, DateTimeOffset? ScoredAt,
    DateTimeOffset? NotifiedAt, string Status, string Url, string? Notes);

public sealed record SignalAuthor(string? Id, string? Username, string? Name);

public sealed record SignalEngagement(int Likes, int Retweets, int Replies, int Quotes);

public sealed record SignalStats(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByCategory, double? AverageSalience, DateTimeOffset? NewestAt);

public sealed record Discovery(
    long Id, string Source, string SourceId, string Origin, string Type, string Title, string? Url, DateTimeOffset PublishedAt,
    string? Category, int? Urgency, IReadOnlyList<string> Tags, IReadOnlyList<string> Topics, DiscoveryScore? Score);

public sealed record DiscoveryScore(
    double Value, double Novelty, double Emergence, double Obscurity, double CrossSourceBonus, double ExpertBonus, double RecencyFactor, DateTimeOffset ComputedAt);

public sealed record DiscoveryDetail(
    Discovery Discovery, string? Text, string? Reasoning, string? ClassifiedBy, bool ClassificationFallback,
    IReadOnlyList<DiscoveryEntity> Entities, ScoreWeights Weights);

public sealed record DiscoveryEntity(long Id, string Name, string Type, string Role, string? Affiliation);

public sealed record ScoreWeights(double Novelty, double Emergence, double Obscurity, double RecencyTimeConstantHours);

public sealed record ArtifactReference(long Id, string Source, string SourceId, string Type, string Title, string? Url);

public sealed record Relationship(long Id, string Direction, string Type, double Confidence, string DetectionMethod, DateTimeOffset CreatedAt, ArtifactReference Artifact);

public sealed record ArtifactRelationships(long ArtifactId, IReadOnlyList<Relationship> Items);

public sealed record CitationGraph(long RootId, int Depth, bool Truncated, IReadOnlyList<CitationGraphNode> Nodes, IReadOnlyList<CitationGraphEdge> Edges);

public sealed record CitationGraphNode(ArtifactReference Artifact, int Distance);

public sealed record CitationGraphEdge(long Id, long SourceId, long TargetId, string Type, double Confidence);

public sealed record ArtifactLabel(long ArtifactId, string Label, string? Annotator, string? Notes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string ArtifactSource, string ArtifactTitle);

public sealed record TrendingTopics(int WindowDays, IReadOnlyList<TrendingTopic> Items);

public sealed record TrendingTopic(
    long Id, string Name, string? DisplayName, int ArtifactsInWindow, int ArtifactsInPreviousWindow, int TotalArtifacts,
    double GrowthRate, double EmergenceScore, string Trend);

public sealed record Topic(long Id, string Name, string? DisplayName, long? ParentId, int ArtifactCount, DateTimeOffset? FirstSeenAt, DateTimeOffset? LastSeenAt);

public sealed record TopicDetail(Topic Topic, IReadOnlyList<SimilarTopic> SimilarTopics);

public sealed record SimilarTopic(long Id, string Name, double Similarity);

public sealed record TopicTimeline(long TopicId, string Name, string Interval, int Total, IReadOnlyList<TimelineBucket> Buckets);

public sealed record TimelineBucket(DateTimeOffset Start, int Count);

public sealed record TopicEvolution(long TopicId, string Name, string? Trend, IReadOnlyList<TopicEvent> Events);

public sealed record TopicEvent(long Id, string EventType, TopicReference Topic, TopicReference? RelatedTopic, DateTimeOffset PeriodStart, int ArtifactCount, double EmergenceScore, DateTimeOffset RecordedAt);

public sealed record TopicReference(long Id, string Name);

public sealed record Entity(
    long Id, string Type, string Name, string? Affiliation, string? HomepageUrl, string? Domain, double ExpertiseScore,
    long? MergedIntoId, int ArtifactCount);

public sealed record EntityDetail(Entity Entity, IReadOnlyList<EntityAlias> Aliases);

public sealed record EntityAlias(long Id, string Name, string? Affiliation);

public sealed record EntityArtifact(long Id, string Source, string Type, string Title, string? Url, DateTimeOffset PublishedAt, string Role, double? DiscoveryScore);

public sealed record EntityDecision(long Id, long PrimaryEntityId, string PrimaryName, long MergedEntityId, string MergedName, string Decision, double Similarity, string? Reason, DateTimeOffset CreatedAt);

public sealed record DuplicateCandidates(double MinSimilarity, IReadOnlyList<DuplicateCandidate> Items);

public sealed record DuplicateCandidate(Entity First, Entity Second, double Similarity);

public sealed record Experiment(long Id, string Name, string? Description, DateTimeOffset CreatedAt, ExperimentRun? LatestRun);

public sealed record ExperimentRun(
    long Id, string Status, DateTimeOffset StartedAt, int ArtifactCount, double? Precision, double? Recall, double? F1, double? Accuracy,
    IReadOnlyDictionary<string, double> PrecisionAtK, IReadOnlyDictionary<string, double?> NdcgAtK);

public sealed record ExperimentComparison(Experiment A, Experiment B, MetricDeltas Deltas);

public sealed record MetricDeltas(
    double? Precision, double? Recall, double? F1, double? Accuracy,
    IReadOnlyDictionary<string, double> PrecisionAtK, IReadOnlyDictionary<string, double?> NdcgAtK);

public sealed record PipelinesStatus(IReadOnlyList<PipelineSchedule> Pipelines, IReadOnlyList<SourceStatus> Sources);

public sealed record PipelineSchedule(string Pipeline, string? Schedule, DateTimeOffset? NextRunAt, DateTimeOffset? LastRunAt, string? LastRunState, string? LastRun);

public sealed record SourceStatus(string Name, string Mode, string ConfiguredMode, string? Detail, SourceRun? LastRun, SourceError? LastError);

public sealed record SourceRun(DateTimeOffset At, int Items, bool Succeeded);

public sealed record SourceError(DateTimeOffset At, string Message);

public sealed record PipelineRun(string Id, string? Pipeline, string State, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error)
{
    public bool Finished => FinishedAt is not null;
}

public sealed record BulkJob(long Id, string Kind, string? Status, string State, int Total, int Processed, int Succeeded, int Failed, string? Error)
{
    public bool Finished => State is "completed" or "cancelled" or "failed";
}

/// <summary>What the API says went wrong (RFC 9457), as far as a person needs to read it.</summary>
public sealed record Problem(string? Title, string? Detail, int? Status);
