using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Relationships;

/// <summary>The other end of a relationship, or a node of a citation graph.</summary>
public sealed record ArtifactReferenceResponse(long Id, string Source, string SourceId, string Type, string Title, string? Url)
{
    public static ArtifactReferenceResponse From(Artifact artifact) =>
        new(artifact.Id, artifact.Source, artifact.SourceId, artifact.ArtifactType, artifact.Title, artifact.Url);
}

/// <summary>
/// One relationship seen from an artifact: <c>out</c> when the artifact points at <c>artifact</c>
/// (it cites, implements, discusses… it), <c>in</c> when <c>artifact</c> points at it.
/// </summary>
public sealed record RelationshipResponse(
    long Id,
    string Direction,
    string Type,
    double Confidence,
    string DetectionMethod,
    DateTimeOffset CreatedAt,
    ArtifactReferenceResponse Artifact);

public sealed record ArtifactRelationshipsResponse(long ArtifactId, IReadOnlyList<RelationshipResponse> Items);

/// <summary>The artifacts within <c>depth</c> links of the root (either direction), and the links among them.</summary>
public sealed record CitationGraphResponse(long RootId, int Depth, bool Truncated, IReadOnlyList<CitationGraphNode> Nodes, IReadOnlyList<CitationGraphEdge> Edges);

/// <summary>A node: the artifact and its distance (in links) from the root.</summary>
public sealed record CitationGraphNode(ArtifactReferenceResponse Artifact, int Distance);

public sealed record CitationGraphEdge(long Id, long SourceId, long TargetId, string Type, double Confidence);

/// <summary>Relationship counts by type, detection method and (from source → to source) pair.</summary>
public sealed record RelationshipStatsResponse(
    int Total,
    IReadOnlyDictionary<string, int> ByType,
    IReadOnlyDictionary<string, int> ByDetectionMethod,
    IReadOnlyList<SourcePairCount> BySourcePair,
    IReadOnlyDictionary<string, double> AverageConfidenceByType);

public sealed record SourcePairCount(string FromSource, string ToSource, int Count);
