namespace SignalHarvester.Worker.Discovery.Sources.Arxiv;

/// <summary>One page of an arXiv query: the opensearch totals, the entries that parsed, and why the others did not.</summary>
/// <param name="EntryCount">Entries on the page, including any that could not be parsed.</param>
internal sealed record ArxivFeedPage(int TotalResults, int StartIndex, int EntryCount, IReadOnlyList<SourceArtifact> Papers)
{
    /// <summary>Each entry left out: its id when it had one, the <see cref="SkippedItems"/> kind, and the reason.</summary>
    public IReadOnlyList<(string? Id, string Kind, string Reason)> Skipped { get; init; } = [];
}
