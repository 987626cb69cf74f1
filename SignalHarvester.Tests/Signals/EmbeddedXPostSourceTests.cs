using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Tests.Signals;

public class EmbeddedXPostSourceTests
{
    private static IReadOnlyDictionary<string, IReadOnlyList<XPost>> Samples => EmbeddedXPostSource.Samples;

    private static IEnumerable<XPost> AllPosts => Samples.Values.SelectMany(p => p);

    [Fact]
    public void Every_default_query_has_a_sample_and_every_sample_a_default_query()
    {
        Assert.Equal(
            DefaultXQueries.All.Select(q => q.Name).Order(StringComparer.Ordinal),
            Samples.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Samples_hold_a_few_hundred_distinct_posts_some_matching_two_queries()
    {
        var distinct = AllPosts.Select(p => p.Id).Distinct().Count();

        Assert.InRange(distinct, 200, 320);
        Assert.All(Samples.Values, posts => Assert.InRange(posts.Count, 30, 100));
        Assert.Contains(AllPosts.GroupBy(p => p.Id), g => g.Count() >= 2);
    }

    [Fact]
    public void Samples_mix_outages_security_bugs_questions_praise_and_noise()
    {
        var texts = AllPosts.Select(p => p.Text).ToList();

        Assert.Contains(texts, t => t.Contains("down", StringComparison.OrdinalIgnoreCase) && t.Contains("API", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(texts, t => t.Contains("CVE-", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("breach", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(texts, t => t.Contains("crash", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(texts, t => t.StartsWith("How do I", StringComparison.Ordinal) && t.Contains('?'));
        Assert.Contains(texts, t => t.StartsWith("Huge thanks", StringComparison.Ordinal) || t.StartsWith("Love the new", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("pizza", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Samples_look_like_real_recent_search_results()
    {
        var posts = AllPosts.ToList();

        Assert.Contains(posts, p => p.LikeCount >= 1000);
        Assert.Contains(posts, p => p.LikeCount <= 2);
        Assert.Contains(posts, p => p.Lang is not "en");
        Assert.True(posts.Count(p => p.Lang == "en") > posts.Count * 0.8);
        Assert.All(posts, p => Assert.InRange(p.CreatedAt, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero)));
        Assert.All(posts, p => Assert.InRange(p.Text.Length, 1, 280));
        // Snowflake ids encode the creation time, like X's.
        Assert.All(posts, p => Assert.Equal(p.CreatedAt.ToUnixTimeMilliseconds(), XPostIds.CreatedAt(p.Id)!.Value.ToUnixTimeMilliseconds()));
        Assert.True(posts.Count(p => p.AuthorUsername is not null) > posts.Count - 3);
        Assert.Contains(posts, p => p.AuthorUsername == "acme_status");
        Assert.Contains(posts, p => p.ConversationId != p.Id);
        Assert.Contains(posts, p => p.RawJson.Contains("\"author\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_follow_next_token_newest_first_until_the_sample_is_exhausted()
    {
        var source = Source(maxResults: 10);
        var query = new XQuery("outages", "ignored by the sample");

        var pages = new List<XSearchPage>();
        string? token = null;
        do
        {
            var page = await source.SearchRecentAsync(query, null, token, CancellationToken.None);
            pages.Add(page);
            token = page.NextToken;
        }
        while (token is not null && pages.Count < 50);

        var ids = pages.SelectMany(p => p.Posts).Select(p => p.Id).ToList();
        Assert.Equal(Samples["outages"].Select(p => p.Id), ids);
        Assert.All(pages, p => Assert.InRange(p.Posts.Count, 1, 10));
        Assert.All(pages, p => Assert.Equal(p.Posts[0].Id, p.NewestId));
        Assert.All(pages, p => Assert.Equal(p.Posts[^1].Id, p.OldestId));
        Assert.Equal(ids, ids.OrderByDescending(id => id, Comparer<string>.Create(XPostIds.Compare)));
        Assert.Null(pages[^1].NextToken);
    }

    [Fact]
    public async Task Since_id_returns_only_newer_posts()
    {
        var sample = Samples["security"];
        var sinceId = sample[sample.Count / 2].Id;

        var page = await Source().SearchRecentAsync(new XQuery("security", "q"), sinceId, null, CancellationToken.None);

        Assert.Equal(sample.Take(sample.Count / 2).Select(p => p.Id), page.Posts.Select(p => p.Id));
        Assert.All(page.Posts, p => Assert.True(XPostIds.IsNewer(p.Id, sinceId)));
    }

    [Fact]
    public async Task Since_the_newest_id_nothing_is_new()
    {
        var page = await Source().SearchRecentAsync(new XQuery("praise", "q"), Samples["praise"][0].Id, null, CancellationToken.None);

        Assert.Empty(page.Posts);
        Assert.Equal(0, page.ResultCount);
        Assert.Null(page.NewestId);
    }

    [Fact]
    public async Task A_configured_language_filters_like_the_lang_operator()
    {
        var page = await Source(language: "de").SearchRecentAsync(new XQuery("outages", "q"), null, null, CancellationToken.None);

        Assert.NotEmpty(page.Posts);
        Assert.All(page.Posts, p => Assert.Equal("de", p.Lang));
    }

    [Fact]
    public async Task An_unknown_query_name_gets_no_results_and_a_foreign_token_is_rejected()
    {
        var empty = await Source().SearchRecentAsync(new XQuery("no-such-sample", "q"), null, null, CancellationToken.None);

        Assert.Empty(empty.Posts);
        await Assert.ThrowsAsync<XApiException>(() => Source().SearchRecentAsync(new XQuery("bugs", "q"), null, "b26v89c19zqg8o3fpzbkk3yidvgvc6ojxxp0iagcrf9j1", CancellationToken.None));
    }

    [Fact]
    public void Without_a_bearer_token_the_embedded_sample_and_the_default_queries_are_registered()
    {
        using var host = BuildHost([]);

        var source = host.Services.GetRequiredService<IXPostSource>();

        Assert.IsType<EmbeddedXPostSource>(source);
        Assert.Equal("embedded-sample", source.Name);
        Assert.Equal(DefaultXQueries.All, host.Services.GetRequiredService<IOptions<HarvestOptions>>().Value.Queries);
    }

    [Fact]
    public void Configured_queries_replace_the_defaults_and_Enabled_defaults_to_true()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Harvest:Queries:0:Name"] = "launches",
            ["Harvest:Queries:0:Query"] = "launch (api OR sdk)",
            ["Harvest:Queries:1:Name"] = "old",
            ["Harvest:Queries:1:Query"] = "legacy",
            ["Harvest:Queries:1:Enabled"] = "false",
            ["Harvest:X:MaxResults"] = "40",
            ["Harvest:X:Language"] = "en",
        });

        var harvest = host.Services.GetRequiredService<IOptions<HarvestOptions>>().Value;
        var x = host.Services.GetRequiredService<IOptions<XApiOptions>>().Value;

        Assert.Equal([new XQuery("launches", "launch (api OR sdk)", true), new XQuery("old", "legacy", false)], harvest.Queries);
        Assert.Equal([new XQuery("launches", "launch (api OR sdk)")], harvest.EnabledQueries);
        Assert.Equal((40, "en", 5, "https://api.x.com"), (x.PageSize, x.Language, x.PageBudget, x.BaseUrl));
        Assert.Equal("launch (api OR sdk) lang:en", x.ComposeQuery(harvest.Queries[0]));
    }

    private static IHost BuildHost(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddXPostSource();
        return builder.Build();
    }

    private static EmbeddedXPostSource Source(int maxResults = 100, string? language = null) =>
        new(Options.Create(new XApiOptions { MaxResults = maxResults, Language = language }));
}
