namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>The values of <see cref="SourceArtifact.Source"/> (and of <c>artifacts.source</c>).</summary>
public static class DiscoverySourceNames
{
    public const string Arxiv = "arxiv";
    public const string GitHub = "github";
    public const string HackerNews = "hackernews";
    public const string X = "x";
}
