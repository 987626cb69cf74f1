using System.ComponentModel.DataAnnotations;

namespace SignalHarvester.Worker.Discovery.Sources.HackerNews;

/// <summary><c>Discovery:Sources:HackerNews</c>: the Hacker News Firebase API.</summary>
public sealed class HackerNewsSourceOptions : DiscoverySourceOptions
{
    public const string SectionName = $"{SectionPrefix}:HackerNews";
    public const string PublicBaseUrl = "https://hacker-news.firebaseio.com";

    /// <summary>Story lists read, by name without the "stories" suffix: top, new, best, show, ask.</summary>
    public List<string> Lists { get; set; } = ["top", "show"];

    /// <summary>Item requests per run (one request per item).</summary>
    [Range(1, 1000)]
    public int MaxItems { get; set; } = 60;

    [Range(1, 32)]
    public int MaxParallelism { get; set; } = 4;
}
