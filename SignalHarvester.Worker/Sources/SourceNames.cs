namespace SignalHarvester.Worker.Sources;

/// <summary>
/// The names of the sources the worker reads and the services it calls: in configuration, logs,
/// metrics, <c>source_status</c> and, for the four that yield artifacts, <c>artifacts.source</c>.
/// </summary>
public static class SourceNames
{
    public const string X = "x";
    public const string Arxiv = "arxiv";
    public const string GitHub = "github";
    public const string HackerNews = "hackernews";
    public const string Llm = "llm";
    public const string Slack = "slack";
}
