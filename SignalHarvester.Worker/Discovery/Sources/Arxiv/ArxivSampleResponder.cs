using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.WebUtilities;
using SignalHarvester.Worker.Sources;
using static SignalHarvester.Worker.Discovery.Sources.Arxiv.ArxivAtom;

namespace SignalHarvester.Worker.Discovery.Sources.Arxiv;

/// <summary>
/// Serves <c>Samples/arxiv.xml</c> the way the export API would: the categories of
/// <c>search_query</c>, newest first, sliced by <c>start</c> / <c>max_results</c>, with
/// opensearch totals; dates shifted so the newest entry is an hour old.
/// </summary>
internal sealed partial class ArxivSampleResponder
{
    public const string FileName = "arxiv.xml";

    private readonly XElement feed;

    public ArxivSampleResponder(DateTimeOffset now)
    {
        feed = XDocument.Parse(EmbeddedSample.ReadText(FileName)).Root!;
        var stamps = feed.Descendants().Where(e => e.Name == Atom + "published" || e.Name == Atom + "updated").ToList();
        var newest = stamps.Where(e => e.Parent?.Name == Atom + "entry").Max(e => ArxivFeedParser.ReadDate(e) ?? DateTimeOffset.MinValue);
        var shift = SampleDates.ShiftFor(newest, now);
        foreach (var stamp in stamps)
        {
            if (ArxivFeedParser.ReadDate(stamp) is { } date)
            {
                stamp.Value = (date + shift).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }
        }
    }

    public HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        if (!uri.AbsolutePath.EndsWith("/api/query", StringComparison.Ordinal))
        {
            return EmbeddedSampleHandler.NotFound(request);
        }

        var query = QueryHelpers.ParseQuery(uri.Query);
        var categories = CategoryTerm().Matches(query["search_query"].ToString()).Select(m => m.Groups["category"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var start = int.TryParse(query["start"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var maxResults = int.TryParse(query["max_results"], CultureInfo.InvariantCulture, out var m) ? m : 10;

        var matching = feed.Elements(Atom + "entry")
            .Where(e => categories.Count == 0 || e.Elements(Atom + "category").Any(c => categories.Contains((string?)c.Attribute("term") ?? "")))
            .OrderByDescending(e => ArxivFeedParser.ReadDate(e.Element(Atom + "published")))
            .ToList();

        var page = new XElement(feed.Name, feed.Attributes(), feed.Elements().Where(e => e.Name != Atom + "entry"));
        SetOrAdd(page, OpenSearch + "totalResults", matching.Count);
        SetOrAdd(page, OpenSearch + "startIndex", start);
        SetOrAdd(page, OpenSearch + "itemsPerPage", maxResults);
        page.Add(matching.Skip(start).Take(maxResults));
        return EmbeddedSampleHandler.Content(request, new XDocument(page).ToString(), "application/atom+xml");
    }

    private static void SetOrAdd(XElement feedElement, XName name, int value)
    {
        if (feedElement.Element(name) is { } existing)
        {
            existing.Value = value.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            feedElement.Add(new XElement(name, value));
        }
    }

    [GeneratedRegex(@"cat:(?<category>[A-Za-z\-]+(?:\.[A-Za-z\-]+)?)")]
    private static partial Regex CategoryTerm();
}
