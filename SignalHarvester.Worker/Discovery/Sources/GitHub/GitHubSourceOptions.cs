using System.ComponentModel.DataAnnotations;

namespace SignalHarvester.Worker.Discovery.Sources.GitHub;

/// <summary><c>Discovery:Sources:GitHub</c>: the GitHub REST API (v3).</summary>
public sealed class GitHubSourceOptions : DiscoverySourceOptions
{
    public const string SectionName = $"{SectionPrefix}:GitHub";
    public const string PublicBaseUrl = "https://api.github.com";

    /// <summary>One repository search per topic (GitHub ANDs several <c>topic:</c> qualifiers).</summary>
    public List<string> Topics { get; set; } = ["machine-learning", "llm", "quantum-computing"];

    /// <summary>One repository search per organization.</summary>
    public List<string> Organizations { get; set; } = [];

    /// <summary>"owner/repo" whose releases are always checked, found by search or not.</summary>
    public List<string> Repositories { get; set; } = [];

    [Range(0, int.MaxValue)]
    public int MinStars { get; set; } = 50;

    public bool IncludeReleases { get; set; } = true;

    [Range(1, 100)]
    public int PageSize { get; set; } = 50;

    /// <summary>Pages followed per search or per release list.</summary>
    [Range(1, 10)]
    public int MaxPages { get; set; } = 2;

    /// <summary>Bounds the release requests (one per repository) so a run fits the unauthenticated 60/hour budget.</summary>
    [Range(0, 500)]
    public int MaxReleaseRepositories { get; set; } = 30;

    /// <summary>Optional personal access token; sent as a bearer token only when set.</summary>
    public string? Token { get; set; }
}
