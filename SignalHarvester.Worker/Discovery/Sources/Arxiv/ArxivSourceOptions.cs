using System.ComponentModel.DataAnnotations;

namespace SignalHarvester.Worker.Discovery.Sources.Arxiv;

/// <summary><c>Discovery:Sources:Arxiv</c>: the arXiv export API.</summary>
public sealed class ArxivSourceOptions : DiscoverySourceOptions
{
    public const string SectionName = $"{SectionPrefix}:Arxiv";
    public const string PublicBaseUrl = "https://export.arxiv.org";

    /// <summary>arXiv categories queried with OR (cross-listed papers match any of theirs).</summary>
    public List<string> Categories { get; set; } = ["cs.LG", "cs.AI", "cs.CL", "cs.CV", "cs.RO", "quant-ph"];

    /// <summary>Never look further back than this, even when the caller's <c>since</c> is older (first run).</summary>
    [Range(1, 24 * 30)]
    public int WindowHours { get; set; } = 24;

    [Range(1, 2000)]
    public int PageSize { get; set; } = 100;

    [Range(1, 100)]
    public int MaxPages { get; set; } = 5;

    /// <summary>arXiv asks for at most one request every 3 seconds; tests set this near zero.</summary>
    public TimeSpan MinRequestInterval { get; set; } = TimeSpan.FromSeconds(3);
}
