namespace SignalHarvester.Domain.Discovery;

/// <summary>What the research classifier sees of one discovered artifact.</summary>
/// <param name="Source">"arxiv", "github", "hackernews", "x", ... (the discovery source's name).</param>
/// <param name="ArtifactType">"paper", "repo", "release", "story", "post", ...</param>
/// <param name="Title">Plain text; for GitHub "owner/repo" or "owner/repo tag: name".</param>
/// <param name="Text">Abstract, description, release notes or story text; null when the source has none.</param>
/// <param name="Authors">People or accounts credited, in source order.</param>
/// <param name="Affiliations">Institutions named by the source (arXiv affiliations), in source order.</param>
/// <param name="Labels">arXiv categories ("cs.LG", "quant-ph") or GitHub topics.</param>
public sealed record ResearchText(
    string Source,
    string ArtifactType,
    string Title,
    string? Text,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Affiliations,
    IReadOnlyList<string> Labels);
