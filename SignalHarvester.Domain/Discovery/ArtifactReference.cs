namespace SignalHarvester.Domain.Discovery;

/// <summary>What an artifact's text points at.</summary>
public enum ArtifactReferenceKind
{
    /// <summary>An arXiv paper; the key is its id without version ("2511.14902", "hep-th/9901001").</summary>
    Arxiv,

    /// <summary>A DOI, lower-cased ("10.1103/physrevx.15.041022").</summary>
    Doi,

    /// <summary>A GitHub repository, lower-cased "owner/name".</summary>
    GitHubRepository,
}

/// <summary>One identifier or URL found in an artifact's title, text or URL, normalised for lookup.</summary>
public sealed record ArtifactReference(ArtifactReferenceKind Kind, string Key)
{
    public string DetectionMethod => Kind switch
    {
        ArtifactReferenceKind.Arxiv => RelationshipDetectionMethods.ArxivId,
        ArtifactReferenceKind.Doi => RelationshipDetectionMethods.Doi,
        _ => RelationshipDetectionMethods.GitHubUrl,
    };

    public double Confidence => Kind == ArtifactReferenceKind.GitHubRepository
        ? RelationshipDetectionMethods.UrlConfidence
        : RelationshipDetectionMethods.IdentifierConfidence;
}
