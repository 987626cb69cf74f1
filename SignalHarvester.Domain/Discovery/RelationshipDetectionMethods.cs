namespace SignalHarvester.Domain.Discovery;

/// <summary>The values of <c>artifact_relationships.detection_method</c>, and the confidence each gives.</summary>
public static class RelationshipDetectionMethods
{
    public const string ArxivId = "arxiv_id";
    public const string Doi = "doi";
    public const string GitHubUrl = "github_url";
    public const string Semantic = "semantic";

    /// <summary>Identifiers name exactly one work.</summary>
    public const double IdentifierConfidence = 0.95;

    /// <summary>A repository URL may point at a fork or a dependency rather than the work itself.</summary>
    public const double UrlConfidence = 0.90;

    public static IReadOnlyList<string> All { get; } = [ArxivId, Doi, GitHubUrl, Semantic];
}
