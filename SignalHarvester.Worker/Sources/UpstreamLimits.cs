namespace SignalHarvester.Worker.Sources;

/// <summary>Bounds on what an upstream may hand us per item, so one absurd item is skipped instead of stored or choking a run.</summary>
public static class UpstreamLimits
{
    /// <summary>
    /// The most text one item (an X post, a Hacker News or GitHub item as JSON, an arXiv entry as XML) may take: 1 Mi characters. A real one is a
    /// few kilobytes (X's longest posts are 25,000 characters); anything near this is an upstream fault.
    /// </summary>
    public const int MaxItemChars = 1 << 20;
}
