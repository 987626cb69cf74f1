using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SignalHarvester.Worker.Sources;
using static SignalHarvester.Worker.Discovery.Sources.Arxiv.ArxivAtom;

namespace SignalHarvester.Worker.Discovery.Sources.Arxiv;

/// <summary>Reads an arXiv API Atom feed into papers.</summary>
internal static partial class ArxivFeedParser
{
    public static ArxivFeedPage Parse(XDocument feed)
    {
        var root = feed.Root is { } r && r.Name == Atom + "feed"
            ? r
            : throw new InvalidDataException($"arXiv answered '{feed.Root?.Name}', not an Atom feed.");
        var entries = root.Elements(Atom + "entry").ToList();

        // The API reports a bad query as a feed with a single entry whose id points at /api/errors.
        if (entries is [var only] && (only.Element(Atom + "id")?.Value.Contains("/api/errors", StringComparison.Ordinal) ?? false))
        {
            throw new InvalidOperationException($"arXiv API error: {SourceText.CleanOrNull(only.Element(Atom + "summary")?.Value) ?? "no detail"}");
        }

        var papers = new List<SourceArtifact>();
        var skipped = new List<(string?, string, string)>();
        foreach (var entry in entries)
        {
            var id = entry.Element(Atom + "id")?.Value.Trim();
            var length = entry.ToString(SaveOptions.DisableFormatting).Length;
            if (length > UpstreamLimits.MaxItemChars)
            {
                skipped.Add((id, SkippedItems.Oversized, $"an entry of {length} characters, more than {UpstreamLimits.MaxItemChars}"));
            }
            else if (ParseEntry(entry) is { } paper)
            {
                papers.Add(paper);
            }
            else
            {
                skipped.Add((id, SkippedItems.Unreadable, "an entry without an id, a title or a publication date"));
            }
        }

        return new ArxivFeedPage(
            TotalResults: ReadInt(root.Element(OpenSearch + "totalResults")) ?? entries.Count,
            StartIndex: ReadInt(root.Element(OpenSearch + "startIndex")) ?? 0,
            EntryCount: entries.Count,
            Papers: papers) { Skipped = skipped };
    }

    /// <summary>One entry, or null when it lacks an id, a title or a publication date.</summary>
    public static SourceArtifact? ParseEntry(XElement entry)
    {
        var idUrl = entry.Element(Atom + "id")?.Value.Trim();
        var title = SourceText.CleanOrNull(entry.Element(Atom + "title")?.Value);
        var published = ReadDate(entry.Element(Atom + "published"));
        if (idUrl is null || title is null || published is null || VersionedId().Match(idUrl) is not { Success: true } id)
        {
            return null;
        }

        var arxivId = id.Groups["id"].Value;
        var version = id.Groups["version"].Success ? int.Parse(id.Groups["version"].Value, CultureInfo.InvariantCulture) : (int?)null;
        var links = entry.Elements(Atom + "link").ToList();
        var absUrl = links.FirstOrDefault(l => (string?)l.Attribute("rel") == "alternate")?.Attribute("href")?.Value
            ?? $"https://arxiv.org/abs/{arxivId}";
        var authors = entry.Elements(Atom + "author")
            .Select(a => new
            {
                Name = SourceText.CleanOrNull(a.Element(Atom + "name")?.Value),
                Affiliations = a.Elements(ArxivAtom.Arxiv + "affiliation").Select(x => SourceText.CleanOrNull(x.Value)).OfType<string>().ToList(),
            })
            .Where(a => a.Name is not null)
            .ToList();
        var summary = SourceText.CleanOrNull(entry.Element(Atom + "summary")?.Value);

        var raw = new ArxivEntryJson(
            Id: arxivId,
            VersionedId: id.Groups["versioned"].Value,
            Version: version,
            Title: title,
            Summary: summary,
            Published: published.Value,
            Updated: ReadDate(entry.Element(Atom + "updated")),
            Authors: authors.Select(a => new ArxivAuthorJson(a.Name!, a.Affiliations.Count == 0 ? null : a.Affiliations)).ToList(),
            PrimaryCategory: entry.Element(ArxivAtom.Arxiv + "primary_category")?.Attribute("term")?.Value,
            Categories: entry.Elements(Atom + "category").Select(c => c.Attribute("term")?.Value).OfType<string>().ToList(),
            AbsUrl: absUrl,
            PdfUrl: links.FirstOrDefault(l => (string?)l.Attribute("title") == "pdf")?.Attribute("href")?.Value,
            Doi: SourceText.CleanOrNull(entry.Element(ArxivAtom.Arxiv + "doi")?.Value),
            DoiUrl: links.FirstOrDefault(l => (string?)l.Attribute("title") == "doi")?.Attribute("href")?.Value,
            Comment: SourceText.CleanOrNull(entry.Element(ArxivAtom.Arxiv + "comment")?.Value),
            JournalRef: SourceText.CleanOrNull(entry.Element(ArxivAtom.Arxiv + "journal_ref")?.Value));

        return new SourceArtifact(
            Source: SourceNames.Arxiv,
            SourceId: arxivId,
            ArtifactType: ArtifactTypes.Paper,
            Title: title,
            Text: summary,
            Url: absUrl,
            PublishedAt: published.Value,
            Authors: authors.Select(a => new SourceAuthor(a.Name!, a.Affiliations.Count == 0 ? null : string.Join("; ", a.Affiliations))).ToList(),
            RawJson: JsonSerializer.Serialize(raw, DiscoveryJson.SnakeCase));
    }

    public static DateTimeOffset? ReadDate(XElement? element) =>
        element is not null && DateTimeOffset.TryParse(element.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    private static int? ReadInt(XElement? element) =>
        element is not null && int.TryParse(element.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>"http://arxiv.org/abs/2411.01234v2" or old-style "http://arxiv.org/abs/hep-th/9901001v1": the id without version, and the version.</summary>
    [GeneratedRegex(@"/abs/(?<versioned>(?<id>.+?)(?:v(?<version>\d+))?)$")]
    private static partial Regex VersionedId();

    private sealed record ArxivEntryJson(
        string Id,
        string VersionedId,
        int? Version,
        string Title,
        string? Summary,
        DateTimeOffset Published,
        DateTimeOffset? Updated,
        IReadOnlyList<ArxivAuthorJson> Authors,
        string? PrimaryCategory,
        IReadOnlyList<string> Categories,
        string AbsUrl,
        string? PdfUrl,
        string? Doi,
        string? DoiUrl,
        string? Comment,
        string? JournalRef);

    private sealed record ArxivAuthorJson(string Name, IReadOnlyList<string>? Affiliations);
}
