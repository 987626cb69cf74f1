namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>One page of an arXiv query: the opensearch totals and the entries that parsed.</summary>
/// <param name="EntryCount">Entries on the page, including any that could not be parsed.</param>
internal sealed record ArxivFeedPage(int TotalResults, int StartIndex, int EntryCount, IReadOnlyList<SourceArtifact> Papers);
