using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SignalHarvester.Tests.Fakes;

/// <summary>
/// The arXiv export API on loopback: <c>GET /api/query</c> answers an Atom feed (atom, arxiv and
/// opensearch namespaces) of <see cref="Entries"/> matching the <c>cat:</c> terms of
/// <c>search_query</c>, newest submission first, sliced by <c>start</c> / <c>max_results</c>.
/// Point a source or the whole stack at <see cref="BaseUrl"/> (<c>Discovery__Sources__Arxiv__BaseUrl</c>).
/// </summary>
public sealed partial class FakeArxivApi : IAsyncDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Arxiv = "http://arxiv.org/schemas/atom";
    private static readonly XNamespace OpenSearch = "http://a9.com/-/spec/opensearch/1.1/";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Lock gate = new();
    private readonly List<Entry> entries = [];

    private FakeArxivApi(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>An arXiv paper as the fake serves it; <see cref="Id"/> without version ("2411.01234").</summary>
    public sealed record Entry(string Id, string Title, string Summary, DateTimeOffset Published, IReadOnlyList<Author> Authors, IReadOnlyList<string> Categories)
    {
        public int Version { get; init; } = 1;
        public DateTimeOffset? Updated { get; init; }
        public string? Doi { get; init; }
        public string? Comment { get; init; }
        public string? JournalRef { get; init; }
    }

    public sealed record Author(string Name, IReadOnlyList<string>? Affiliations = null);

    public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt);

    /// <summary>http://127.0.0.1:port/ (a root URL: pass <c>BaseUrl.ToString()</c> as configuration).</summary>
    public Uri BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Holds requests while closed.</summary>
    public RequestGate Gate { get; } = new();

    /// <summary>When set, every request answers this status (e.g. 500, 503).</summary>
    public int? FailureStatus { get; set; }

    /// <summary>When set, every query answers exactly this body (hand-written feeds: odd encodings, API error entries).</summary>
    public string? RawFeed { get; set; }

    public static async Task<FakeArxivApi> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Create();

        FakeArxivApi? fake = null;
        app.Use(async (context, next) =>
        {
            fake!.Record(context.Request);
            await fake.Gate.PassAsync(context.RequestAborted);
            if (fake.FailureStatus is { } status)
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsync("fake arXiv failure");
                return;
            }

            await next(context);
        });
        app.MapGet("/api/query", (HttpRequest request) => fake!.Query(request));

        fake = new FakeArxivApi(app, new Uri(await LoopbackApp.StartAsync(app, cancellationToken)));
        return fake;
    }

    public void Add(params IEnumerable<Entry> papers)
    {
        lock (gate)
        {
            entries.AddRange(papers);
        }
    }

    /// <summary>A plausible paper for tests that only care about counts and dates.</summary>
    public static Entry Paper(int number, DateTimeOffset published, string category = "cs.LG") => new(
        Id: string.Create(CultureInfo.InvariantCulture, $"2511.{number:D5}"),
        Title: string.Create(CultureInfo.InvariantCulture, $"A Study of Sparse Attention, Part {number}"),
        Summary: "We study sparse attention patterns in transformers and report where they help.",
        Published: published,
        Authors: [new Author("Ada Example", ["Example University"])],
        Categories: [category]);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private void Record(HttpRequest request) => requests.Enqueue(new RecordedRequest(
        request.Path.Value ?? "",
        request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        DateTimeOffset.UtcNow));

    private IResult Query(HttpRequest request)
    {
        if (RawFeed is { } raw)
        {
            return Results.Text(raw, "application/atom+xml; charset=utf-8");
        }

        var categories = CategoryTerm().Matches(request.Query["search_query"].ToString()).Select(m => m.Groups["category"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var start = int.TryParse(request.Query["start"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var maxResults = int.TryParse(request.Query["max_results"], CultureInfo.InvariantCulture, out var m) ? m : 10;
        List<Entry> matching;
        lock (gate)
        {
            matching = [.. entries.Where(e => categories.Count == 0 || e.Categories.Any(categories.Contains)).OrderByDescending(e => e.Published)];
        }

        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xmlns + "arxiv", Arxiv.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "opensearch", OpenSearch.NamespaceName),
            new XElement(Atom + "link", new XAttribute("href", $"http://arxiv.org/api/query{request.QueryString}"), new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml")),
            new XElement(Atom + "title", new XAttribute("type", "html"), $"ArXiv Query: {request.Query["search_query"]}"),
            new XElement(Atom + "id", "http://arxiv.org/api/fake"),
            new XElement(Atom + "updated", Format(DateTimeOffset.UtcNow)),
            new XElement(OpenSearch + "totalResults", matching.Count),
            new XElement(OpenSearch + "startIndex", start),
            new XElement(OpenSearch + "itemsPerPage", maxResults),
            matching.Skip(start).Take(maxResults).Select(ToAtom));
        return Results.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed, "application/atom+xml; charset=utf-8");
    }

    private static XElement ToAtom(Entry entry)
    {
        var versioned = string.Create(CultureInfo.InvariantCulture, $"{entry.Id}v{entry.Version}");
        return new XElement(Atom + "entry",
            new XElement(Atom + "id", $"http://arxiv.org/abs/{versioned}"),
            new XElement(Atom + "updated", Format(entry.Updated ?? entry.Published)),
            new XElement(Atom + "published", Format(entry.Published)),
            new XElement(Atom + "title", entry.Title),
            new XElement(Atom + "summary", entry.Summary),
            entry.Authors.Select(a => new XElement(Atom + "author",
                new XElement(Atom + "name", a.Name),
                (a.Affiliations ?? []).Select(x => new XElement(Arxiv + "affiliation", x)))),
            entry.Doi is null ? null : new XElement(Arxiv + "doi", entry.Doi),
            entry.Doi is null ? null : new XElement(Atom + "link", new XAttribute("title", "doi"), new XAttribute("href", $"http://dx.doi.org/{entry.Doi}"), new XAttribute("rel", "related")),
            entry.Comment is null ? null : new XElement(Arxiv + "comment", entry.Comment),
            entry.JournalRef is null ? null : new XElement(Arxiv + "journal_ref", entry.JournalRef),
            new XElement(Atom + "link", new XAttribute("href", $"http://arxiv.org/abs/{versioned}"), new XAttribute("rel", "alternate"), new XAttribute("type", "text/html")),
            new XElement(Atom + "link", new XAttribute("title", "pdf"), new XAttribute("href", $"http://arxiv.org/pdf/{versioned}"), new XAttribute("rel", "related"), new XAttribute("type", "application/pdf")),
            new XElement(Arxiv + "primary_category", new XAttribute("term", entry.Categories[0]), new XAttribute("scheme", "http://arxiv.org/schemas/atom")),
            entry.Categories.Select(c => new XElement(Atom + "category", new XAttribute("term", c), new XAttribute("scheme", "http://arxiv.org/schemas/atom"))));
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"cat:(?<category>[A-Za-z\-]+(?:\.[A-Za-z\-]+)?)")]
    private static partial Regex CategoryTerm();
}
