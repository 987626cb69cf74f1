using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Discovery.Sources.Arxiv;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Tests.Discovery;

public sealed class ArxivSourceTests : IAsyncLifetime
{
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;
    private FakeArxivApi arxiv = null!;

    public async Task InitializeAsync() => arxiv = await FakeArxivApi.StartAsync();

    public async Task DisposeAsync() => await arxiv.DisposeAsync();

    private ArxivSourceOptions Options(int pageSize = 100, int maxPages = 5, int windowHours = 24 * 30) => new()
    {
        BaseUrl = arxiv.BaseUrl.ToString(),
        PageSize = pageSize,
        MaxPages = maxPages,
        WindowHours = windowHours,
        MinRequestInterval = TimeSpan.Zero,
    };

    [Fact]
    public async Task Reads_id_without_version_authors_affiliations_links_categories_and_doi()
    {
        var published = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero).AddHours(-3);
        arxiv.Add(new FakeArxivApi.Entry(
            Id: "2511.01234",
            Title: "Quantum Error Correction\n   with  Learned Decoders",
            Summary: "  We train decoders.\n  They work.  ",
            Published: published,
            Authors: [new FakeArxivApi.Author("Søren Kjær", ["Kestrel Quantum", "Lund Bay Centre"]), new FakeArxivApi.Author("Ada Example")],
            Categories: ["quant-ph", "cs.LG"])
        {
            Version = 3,
            Updated = published.AddDays(2),
            Doi = "10.1103/PhysRevX.15.041022",
            Comment = "12 pages",
            JournalRef = "Phys. Rev. X 15 (2025)",
        });

        var papers = await TestSources.Arxiv(Options()).FetchAllAsync(now.AddDays(-2));

        var paper = Assert.Single(papers);
        Assert.Equal(SourceNames.Arxiv, paper.Source);
        Assert.Equal("2511.01234", paper.SourceId);
        Assert.Equal(ArtifactTypes.Paper, paper.ArtifactType);
        Assert.Equal("Quantum Error Correction with Learned Decoders", paper.Title);
        Assert.Equal("We train decoders. They work.", paper.Text);
        Assert.Equal("http://arxiv.org/abs/2511.01234v3", paper.Url);
        Assert.Equal(published, paper.PublishedAt);
        Assert.Equal([new SourceAuthor("Søren Kjær", "Kestrel Quantum; Lund Bay Centre"), new SourceAuthor("Ada Example")], paper.Authors);

        using var raw = JsonDocument.Parse(paper.RawJson);
        var root = raw.RootElement;
        Assert.Equal("2511.01234", root.GetProperty("id").GetString());
        Assert.Equal("2511.01234v3", root.GetProperty("versioned_id").GetString());
        Assert.Equal(3, root.GetProperty("version").GetInt32());
        Assert.Equal("10.1103/PhysRevX.15.041022", root.GetProperty("doi").GetString());
        Assert.Equal("http://dx.doi.org/10.1103/PhysRevX.15.041022", root.GetProperty("doi_url").GetString());
        Assert.Equal("http://arxiv.org/pdf/2511.01234v3", root.GetProperty("pdf_url").GetString());
        Assert.Equal("quant-ph", root.GetProperty("primary_category").GetString());
        Assert.Equal(["quant-ph", "cs.LG"], root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("12 pages", root.GetProperty("comment").GetString());
        Assert.Equal("Phys. Rev. X 15 (2025)", root.GetProperty("journal_ref").GetString());
        Assert.Equal(["Kestrel Quantum", "Lund Bay Centre"], root.GetProperty("authors")[0].GetProperty("affiliations").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Optional_fields_may_be_missing()
    {
        arxiv.Add(FakeArxivApi.Paper(7, now.AddHours(-1)) with { Authors = [new FakeArxivApi.Author("Solo Author")] });

        var paper = Assert.Single(await TestSources.Arxiv(Options()).FetchAllAsync(now.AddDays(-1)));

        Assert.Null(Assert.Single(paper.Authors).Affiliation);
        using var raw = JsonDocument.Parse(paper.RawJson);
        Assert.False(raw.RootElement.TryGetProperty("doi", out _));
        Assert.False(raw.RootElement.TryGetProperty("comment", out _));
        Assert.False(raw.RootElement.GetProperty("authors")[0].TryGetProperty("affiliations", out _));
    }

    [Fact]
    public async Task Keeps_latex_and_non_ascii_decodes_entities_handles_old_style_ids_and_skips_entries_without_title()
    {
        var published = now.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        arxiv.RawFeed = $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">2</opensearch:totalResults>
              <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
              <entry>
                <id>http://arxiv.org/abs/hep-th/9901001v2</id>
                <published>{{published}}</published>
                <title>Q&amp;amp;A on $\alpha$-Divergences &lt;Revisited&gt; for Caf&#233;
                  Networks</title>
                <summary>Bounds of order $\mathcal{O}(1/\sqrt{T})$ &amp; better, with R&amp;D notes.</summary>
                <author><name>Zoë Ångström</name><arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">Aalvik Universitet</arxiv:affiliation></author>
                <author><name>Nguyễn Thị Hạnh</name></author>
                <category term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
              </entry>
              <entry>
                <id>http://arxiv.org/abs/2511.00002v1</id>
                <published>{{published}}</published>
                <summary>No title here.</summary>
              </entry>
            </feed>
            """;
        var logger = new ListLogger<ArxivSource>();

        var paper = Assert.Single(await TestSources.Arxiv(Options(), logger).FetchAllAsync(now.AddDays(-1)));

        Assert.Equal("hep-th/9901001", paper.SourceId);
        Assert.Equal("Q&A on $\\alpha$-Divergences <Revisited> for Café Networks", paper.Title);
        Assert.Equal("Bounds of order $\\mathcal{O}(1/\\sqrt{T})$ & better, with R&D notes.", paper.Text);
        Assert.Equal(["Zoë Ångström", "Nguyễn Thị Hạnh"], paper.Authors.Select(a => a.Name));
        Assert.Equal("Aalvik Universitet", paper.Authors[0].Affiliation);
        Assert.Equal("https://arxiv.org/abs/hep-th/9901001", paper.Url);
        Assert.Contains("\"Zoë Ångström\"", paper.RawJson, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("skipped 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_with_start_and_max_results_until_the_total_is_reached()
    {
        arxiv.Add(Enumerable.Range(1, 25).Select(i => FakeArxivApi.Paper(i, now.AddMinutes(-i))));

        var papers = await TestSources.Arxiv(Options(pageSize: 10)).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(25, papers.Select(p => p.SourceId).Distinct().Count());
        Assert.Equal(["0", "10", "20"], arxiv.Requests.Select(r => r.Query["start"]));
        Assert.All(arxiv.Requests, r => Assert.Equal("10", r.Query["max_results"]));
        Assert.Equal(papers.OrderByDescending(p => p.PublishedAt).Select(p => p.SourceId), papers.Select(p => p.SourceId));
    }

    [Fact]
    public async Task Asks_for_the_configured_categories_newest_submissions_first()
    {
        arxiv.Add(FakeArxivApi.Paper(1, now.AddHours(-1), "cs.RO"), FakeArxivApi.Paper(2, now.AddHours(-1), "astro-ph.GA"));
        var options = Options();
        options.Categories = ["cs.RO", "quant-ph"];

        var papers = await TestSources.Arxiv(options).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(["2511.00001"], papers.Select(p => p.SourceId));
        var query = Assert.Single(arxiv.Requests);
        Assert.Equal("/api/query", query.Path);
        Assert.Equal("cat:cs.RO OR cat:quant-ph", query.Query["search_query"]);
        Assert.Equal("submittedDate", query.Query["sortBy"]);
        Assert.Equal("descending", query.Query["sortOrder"]);
    }

    [Fact]
    public async Task Stops_paging_once_entries_are_older_than_since()
    {
        arxiv.Add(Enumerable.Range(1, 40).Select(i => FakeArxivApi.Paper(i, now.AddHours(-i))));

        var papers = await TestSources.Arxiv(Options(pageSize: 10)).FetchAllAsync(now.AddHours(-12.5));

        Assert.Equal(12, papers.Count);
        Assert.All(papers, p => Assert.True(p.PublishedAt >= now.AddHours(-12.5)));
        Assert.Equal(2, arxiv.Requests.Count);
    }

    [Fact]
    public async Task Never_looks_back_further_than_the_window()
    {
        arxiv.Add(Enumerable.Range(1, 10).Select(i => FakeArxivApi.Paper(i, now.AddHours(-i + 0.5))));

        var papers = await TestSources.Arxiv(Options(windowHours: 5)).FetchAllAsync(DateTimeOffset.MinValue);

        Assert.Equal(5, papers.Count);
    }

    [Fact]
    public async Task Stops_at_max_pages()
    {
        arxiv.Add(Enumerable.Range(1, 30).Select(i => FakeArxivApi.Paper(i, now.AddMinutes(-i))));

        var papers = await TestSources.Arxiv(Options(pageSize: 5, maxPages: 2)).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(10, papers.Count);
        Assert.Equal(2, arxiv.Requests.Count);
    }

    [Fact]
    public async Task Waits_the_minimum_interval_between_requests()
    {
        arxiv.Add(Enumerable.Range(1, 3).Select(i => FakeArxivApi.Paper(i, now.AddMinutes(-i))));
        var options = Options(pageSize: 1);
        options.MinRequestInterval = TimeSpan.FromMilliseconds(400);
        // A fake clock that only moves when the test says so: the gaps are the pacer's, not the machine's load.
        var clock = new TimerRecordingClock(now);

        var fetch = TestSources.Arxiv(options, time: clock).FetchAllAsync(now.AddDays(-1));

        foreach (var sent in new[] { 1, 2 })
        {
            var due = await clock.NextTimerAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(TimeSpan.FromMilliseconds(400), due);
            Assert.Equal(sent, arxiv.Requests.Count);
            clock.Advance(due - TimeSpan.FromTicks(1));
            Assert.Equal(sent, arxiv.Requests.Count);
            clock.Advance(TimeSpan.FromTicks(1));
        }

        Assert.Equal(3, (await fetch.WaitAsync(TimeSpan.FromSeconds(30))).Count);
        Assert.Equal(3, arxiv.Requests.Count);
    }

    [Fact]
    public async Task A_failing_api_throws()
    {
        arxiv.FailureStatus = 500;

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => TestSources.Arxiv(Options()).FetchAllAsync(now.AddDays(-1)));

        Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
    }

    [Fact]
    public async Task An_api_error_entry_throws_with_its_message()
    {
        arxiv.RawFeed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry>
                <id>http://arxiv.org/api/errors#max_results_must_be_non_negative</id>
                <title>Error</title>
                <summary>max_results must be non-negative</summary>
              </entry>
            </feed>
            """;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSources.Arxiv(Options()).FetchAllAsync(now.AddDays(-1)));

        Assert.Contains("max_results must be non-negative", failure.Message, StringComparison.Ordinal);
    }
}
