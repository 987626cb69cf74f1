using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Data.Model;

/// <summary>A research artifact from one source (paper, repository, release, story, post).</summary>
public class Artifact
{
    public long Id { get; set; }
    /// <summary>arxiv, github, hackernews or x; unique together with <see cref="SourceId"/> and <see cref="Origin"/>.</summary>
    public required string Source { get; set; }
    public required string SourceId { get; set; }
    /// <summary><see cref="DataOrigin.Live"/> or <see cref="DataOrigin.Sample"/>; unique together with source and source id, so a sample never merges into a live item.</summary>
    public string Origin { get; set; } = DataOrigin.Live;
    /// <summary>paper, repo, release, story or post.</summary>
    public required string ArtifactType { get; set; }
    public required string Title { get; set; }
    public string? Text { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    /// <summary>Author names as a JSON array (jsonb).</summary>
    public string? Authors { get; set; }
    /// <summary>Text embedding (real[]); null until computed.</summary>
    public float[]? Embedding { get; set; }
    /// <summary>The item as returned by the source (jsonb).</summary>
    public string? Raw { get; set; }
    public DateTimeOffset InsertedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public ArtifactClassification? Classification { get; set; }
    public ArtifactScore? Score { get; set; }
    public ICollection<ArtifactTopic> Topics { get; set; } = [];
}
