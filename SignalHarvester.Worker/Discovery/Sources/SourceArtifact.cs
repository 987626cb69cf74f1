using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>One item a discovery source found, as the source described it; classification and scoring come later.</summary>
/// <param name="Source">Where it came from: one of <see cref="SourceNames"/>.</param>
/// <param name="SourceId">Stable id within the source (arXiv id without version, repo full name, HN item id, ...).</param>
/// <param name="ArtifactType">One of <see cref="ArtifactTypes"/>.</param>
/// <param name="Title">Plain text, whitespace collapsed.</param>
/// <param name="Text">Abstract, description, release notes or story text as plain text; null when the source has none.</param>
/// <param name="Url">Where a human reads it.</param>
/// <param name="PublishedAt">When it appeared at the source (see each source for which timestamp that is).</param>
/// <param name="Authors">People or accounts credited, in source order.</param>
/// <param name="RawJson">The item's payload as JSON, kept for later re-processing.</param>
/// <remarks><see cref="Origin"/> is null for a source whose items all share its mode's origin (the fetch stage fills it in).</remarks>
public sealed record SourceArtifact(
    string Source,
    string SourceId,
    string ArtifactType,
    string Title,
    string? Text,
    string? Url,
    DateTimeOffset PublishedAt,
    IReadOnlyList<SourceAuthor> Authors,
    string RawJson)
{
    /// <summary><c>live</c> or <c>sample</c>; set by a source whose items differ (X posts keep their own).</summary>
    public string? Origin { get; init; }
}

/// <summary>An author as the source names them; entity resolution merges variants later.</summary>
public sealed record SourceAuthor(string Name, string? Affiliation = null, string? Handle = null, string? Url = null);
