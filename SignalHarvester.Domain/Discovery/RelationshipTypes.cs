namespace SignalHarvester.Domain.Discovery;

/// <summary>The values of <c>artifact_relationships.relationship_type</c>.</summary>
public static class RelationshipTypes
{
    /// <summary>A paper citing another paper.</summary>
    public const string Cite = "cite";

    /// <summary>A pointer that is none of the others (a paper naming its code, a repository naming another).</summary>
    public const string Reference = "reference";

    /// <summary>A repository or release that implements a paper.</summary>
    public const string Implement = "implement";

    /// <summary>A Hacker News story about the target.</summary>
    public const string Discuss = "discuss";

    /// <summary>Similar content across sources (embeddings), without an explicit pointer.</summary>
    public const string Related = "related";

    /// <summary>A post naming the target.</summary>
    public const string Mention = "mention";

    public static IReadOnlyList<string> All { get; } = [Cite, Reference, Implement, Discuss, Related, Mention];

    /// <summary>
    /// The type of a link found in an artifact from <paramref name="source"/> (arxiv, github,
    /// hackernews, x) to an artifact of type <paramref name="targetArtifactType"/> (paper, repo, ...).
    /// </summary>
    public static string For(string source, string targetArtifactType) => (source, targetArtifactType) switch
    {
        ("hackernews", _) => Discuss,
        ("x", _) => Mention,
        ("arxiv", "paper") => Cite,
        ("github", "paper") => Implement,
        _ => Reference,
    };
}
