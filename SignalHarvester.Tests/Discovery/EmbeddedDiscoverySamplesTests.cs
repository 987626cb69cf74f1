using System.Text.RegularExpressions;
using System.Xml.Linq;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Discovery.Sources.Arxiv;
using SignalHarvester.Worker.Discovery.Sources.HackerNews;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Tests.Discovery;

/// <summary>
/// The bundled feeds, read through the same request/parse path as the network (no BaseUrl), with
/// their dates moved so the newest item is about an hour old.
/// </summary>
public sealed partial class EmbeddedDiscoverySamplesTests
{
    private readonly DateTimeOffset since24Hours = DateTimeOffset.UtcNow.AddHours(-24);

    [Fact]
    public async Task Arxiv_sample_yields_all_papers_across_the_categories_and_forty_within_a_day()
    {
        var all = await TestSources.Sample(SourceNames.Arxiv, ("WindowHours", "168")).FetchAllAsync(DateTimeOffset.MinValue);
        var lastDay = await TestSources.Sample(SourceNames.Arxiv).FetchAllAsync(since24Hours);

        Assert.Equal(50, all.Count);
        Assert.Equal(40, lastDay.Count);
        Assert.All(all, p => Assert.Equal((SourceNames.Arxiv, ArtifactTypes.Paper), (p.Source, p.ArtifactType)));
        Assert.Equal(50, all.Select(p => p.SourceId).Distinct().Count());
        Assert.All(all, p => Assert.Matches(@"^\d{4}\.\d{5}$", p.SourceId));
        AssertNewestWithinTwoHours(all);

        var categories = all.SelectMany(p => Categories(p.RawJson)).ToHashSet();
        Assert.Superset(new HashSet<string>(["cs.LG", "cs.AI", "cs.CL", "cs.CV", "cs.RO", "quant-ph"]), categories);
        Assert.Contains(all, p => Categories(p.RawJson).Count() > 1);
        Assert.Contains(all, p => p.RawJson.Contains("\"doi\"", StringComparison.Ordinal));
        Assert.Contains(all, p => p.Authors.Any(a => a.Affiliation is not null));
        Assert.Contains(all, p => p.Authors.Any(a => a.Affiliation is null));
        Assert.Contains(all, p => p.Text!.Contains("https://github.com/", StringComparison.Ordinal));
        Assert.Contains(all, p => p.Text!.Contains("arXiv:2511.", StringComparison.Ordinal));
        Assert.Contains(all, p => p.Text!.Contains("$\\", StringComparison.Ordinal));
        Assert.Contains(all, p => p.Title.Contains("Q&A", StringComparison.Ordinal) && p.Text!.Contains("R&D", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Arxiv_sample_pages_like_the_api()
    {
        var papers = await TestSources.Sample(SourceNames.Arxiv, ("WindowHours", "168"), ("PageSize", "7"), ("MaxPages", "10")).FetchAllAsync(DateTimeOffset.MinValue);

        Assert.Equal(50, papers.Count);
    }

    [Fact]
    public async Task Arxiv_sample_keeps_the_relative_spacing_of_its_dates()
    {
        var papers = await TestSources.Sample(SourceNames.Arxiv, ("WindowHours", "168")).FetchAllAsync(DateTimeOffset.MinValue);
        var atom = (XNamespace)"http://www.w3.org/2005/Atom";
        var original = XDocument.Load(typeof(ArxivSource).Assembly.GetManifestResourceStream("SignalHarvester.Worker.Discovery.Samples.arxiv.xml")!)
            .Descendants(atom + "published").Select(p => DateTimeOffset.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(original.Max() - original.Min(), papers.Max(p => p.PublishedAt) - papers.Min(p => p.PublishedAt));
    }

    [Fact]
    public async Task GitHub_sample_yields_repositories_and_releases()
    {
        var all = await TestSources.Sample(SourceNames.GitHub).FetchAllAsync(DateTimeOffset.MinValue);
        var lastDay = await TestSources.Sample(SourceNames.GitHub).FetchAllAsync(since24Hours);

        // 25 repositories in the sample, 2 below MinStars=50; 15 releases.
        Assert.Equal(23, all.Count(a => a.ArtifactType == ArtifactTypes.Repo));
        Assert.Equal(15, all.Count(a => a.ArtifactType == ArtifactTypes.Release));
        Assert.Equal(20, lastDay.Count(a => a.ArtifactType == ArtifactTypes.Repo));
        Assert.Equal(10, lastDay.Count(a => a.ArtifactType == ArtifactTypes.Release));
        Assert.All(all, a => Assert.Equal(SourceNames.GitHub, a.Source));
        Assert.Equal(all.Count, all.Select(a => a.SourceId).Distinct().Count());
        Assert.All(all.Where(a => a.ArtifactType == ArtifactTypes.Release), r => Assert.Matches(@"^[\w.-]+/[\w.-]+@.+$", r.SourceId));
        Assert.Contains(all, a => a.ArtifactType == ArtifactTypes.Repo && a.Text is null);
        AssertNewestWithinTwoHours(all);
    }

    [Fact]
    public async Task GitHub_sample_honours_min_stars()
    {
        var repos = await TestSources.Sample(SourceNames.GitHub, ("MinStars", "1000"), ("IncludeReleases", "false")).FetchAllAsync(DateTimeOffset.MinValue);

        Assert.Equal(8, repos.Count);
    }

    [Fact]
    public async Task HackerNews_sample_yields_live_stories()
    {
        var all = await TestSources.Sample(SourceNames.HackerNews).FetchAllAsync(DateTimeOffset.MinValue);
        var lastDay = await TestSources.Sample(SourceNames.HackerNews).FetchAllAsync(since24Hours);

        // 36 items in top + show: one deleted, one dead, one job.
        Assert.Equal(33, all.Count);
        Assert.Equal(29, lastDay.Count);
        Assert.All(all, s => Assert.Equal((SourceNames.HackerNews, ArtifactTypes.Story), (s.Source, s.ArtifactType)));
        Assert.Contains(all, s => s.Title.StartsWith("Ask HN:", StringComparison.Ordinal) && s.Url!.StartsWith("https://news.ycombinator.com/item?id=", StringComparison.Ordinal) && s.Text is not null);
        Assert.Contains(all, s => s.Title.StartsWith("Show HN:", StringComparison.Ordinal));
        AssertNewestWithinTwoHours(all);
    }

    [Theory]
    [InlineData("top")]
    [InlineData("new")]
    [InlineData("best")]
    [InlineData("show")]
    [InlineData("ask")]
    public async Task HackerNews_sample_serves_every_list_the_source_accepts(string list)
    {
        Assert.Contains(list, HackerNewsSource.KnownLists);

        var stories = await TestSources.Sample(SourceNames.HackerNews, ("Lists:0", list)).FetchAllAsync(DateTimeOffset.MinValue);

        Assert.NotEmpty(stories);
    }

    [Fact]
    public async Task Samples_reference_each_other_so_relationships_have_material()
    {
        var papers = await TestSources.Sample(SourceNames.Arxiv, ("WindowHours", "168")).FetchAllAsync(DateTimeOffset.MinValue);
        var github = await TestSources.Sample(SourceNames.GitHub).FetchAllAsync(DateTimeOffset.MinValue);
        var stories = await TestSources.Sample(SourceNames.HackerNews).FetchAllAsync(DateTimeOffset.MinValue);
        var paperIds = papers.Select(p => p.SourceId).ToHashSet();
        var repoNames = github.Where(a => a.ArtifactType == ArtifactTypes.Repo).Select(r => r.SourceId).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var repoLinksInPapers = papers.SelectMany(p => GitHubRepoUrl().Matches(p.Text!).Select(m => m.Groups["repo"].Value)).ToList();
        var paperLinksInStories = stories.SelectMany(s => ArxivId().Matches($"{s.Url} {s.Text}").Select(m => m.Groups["id"].Value)).ToList();
        var repoLinksInStories = stories.SelectMany(s => GitHubRepoUrl().Matches($"{s.Url} {s.Text}").Select(m => m.Groups["repo"].Value)).ToList();

        Assert.True(repoLinksInPapers.Count(repoNames.Contains) >= 5, string.Join(", ", repoLinksInPapers));
        Assert.True(paperLinksInStories.Count(paperIds.Contains) >= 10, string.Join(", ", paperLinksInStories));
        Assert.True(repoLinksInStories.Count(repoNames.Contains) >= 5, string.Join(", ", repoLinksInStories));
    }

    private static void AssertNewestWithinTwoHours(IEnumerable<SourceArtifact> artifacts)
    {
        var age = DateTimeOffset.UtcNow - artifacts.Max(a => a.PublishedAt);
        Assert.InRange(age, TimeSpan.FromMinutes(59), TimeSpan.FromHours(2));
    }

    private static IEnumerable<string> Categories(string rawJson) =>
        System.Text.Json.JsonDocument.Parse(rawJson).RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList();

    [GeneratedRegex(@"https://github\.com/(?<repo>[\w.-]+/[\w-]+(?:\.[\w-]+)*)")]
    private static partial Regex GitHubRepoUrl();

    [GeneratedRegex(@"arxiv\.org/abs/(?<id>\d{4}\.\d{5})")]
    private static partial Regex ArxivId();
}
