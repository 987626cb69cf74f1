namespace SignalHarvester.Domain.Discovery;

/// <summary>What an artifact's discovery score depends on; the caller gathers the topic statistics.</summary>
/// <param name="Source">"arxiv", "github", "hackernews", "x", ... (selects the source prior).</param>
/// <param name="Embedding">The artifact's embedding; null when none could be computed.</param>
/// <param name="TopicCentroid">The centroid of the artifact's topic before this artifact; null (or empty) for a new topic.</param>
/// <param name="TopicArtifactCount">Artifacts already in the topic (informational; the centroid decides novelty).</param>
/// <param name="TopicArtifactsLast7Days">Topic artifacts published in the 7 days before now.</param>
/// <param name="TopicArtifactsPrevious7Days">Topic artifacts published in the 7 days before that.</param>
/// <param name="OtherSourcesMentioning">Other sources that mention the same work (cross-source bonus).</param>
/// <param name="HasExpertAuthor">True when an author is a known expert account (expert bonus).</param>
public sealed record DiscoveryScoreInput(
    string Source,
    DateTimeOffset PublishedAt,
    string Title,
    string? Text,
    float[]? Embedding,
    float[]? TopicCentroid,
    int TopicArtifactCount,
    int TopicArtifactsLast7Days,
    int TopicArtifactsPrevious7Days,
    int OtherSourcesMentioning,
    bool HasExpertAuthor);
