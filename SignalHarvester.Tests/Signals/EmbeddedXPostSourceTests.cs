using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Signals;
using SignalHarvester.Worker.Signals.XApi;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Tests.Signals;

public class EmbeddedXPostSourceTests
{
    private static IReadOnlyDictionary<string, IReadOnlyList<XPost>> Samples => EmbeddedXPostSource.Recorded;

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
        Assert.Equal(Samples["outages"].Select(p => SamplePostIds.From(p.Id)), ids);
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
        var sinceId = SamplePostIds.From(sample[sample.Count / 2].Id);

        var page = await Source().SearchRecentAsync(new XQuery("security", "q"), sinceId, null, CancellationToken.None);

        Assert.Equal(sample.Take(sample.Count / 2).Select(p => SamplePostIds.From(p.Id)), page.Posts.Select(p => p.Id));
        Assert.All(page.Posts, p => Assert.True(XPostIds.IsNewer(p.Id, sinceId)));
    }

    [Fact]
    public async Task Since_the_newest_id_nothing_is_new()
    {
        var page = await Source().SearchRecentAsync(new XQuery("praise", "q"), SamplePostIds.From(Samples["praise"][0].Id), null, CancellationToken.None);

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
    public async Task Served_posts_carry_ids_X_never_issues_and_say_so_in_their_payload()
    {
        var posts = await ServedAsync(Source());

        Assert.Equal(AllPosts.Select(p => p.Id).Distinct().Count(), posts.Select(p => p.Id).Distinct().Count());
        // 20 digits from 9…: above 9223372036854775807, the largest id X's signed 64-bit ids can reach.
        Assert.All(posts, p => Assert.True(decimal.Parse(p.Id, CultureInfo.InvariantCulture) > long.MaxValue, p.Id));
        Assert.All(posts, p => Assert.False(XPostIds.IsValid(p.Id)));
        Assert.All(posts, p => Assert.Equal(p.Id, JsonNode.Parse(p.RawJson)!["id"]!.GetValue<string>()));
        Assert.Contains(posts, p => p.ConversationId is not null && p.ConversationId != p.Id && p.ConversationId.StartsWith('9'));
        Assert.Equal(DataOrigin.Sample, Source().Origin);
    }

    [Theory]
    [InlineData("2026-12-02T16:00:00Z")]
    [InlineData("2031-06-15T03:30:00Z")]
    [InlineData("2040-01-01T00:00:00Z")]
    public async Task On_any_day_the_newest_sample_post_is_an_hour_old_and_the_spacing_is_kept(string today)
    {
        var now = DateTimeOffset.Parse(today, CultureInfo.InvariantCulture);
        var posts = await ServedAsync(Source(clock: new FakeTimeProvider(now)));
        var recorded = AllPosts.ToList();

        // Shifted by whole seconds: the newest lands within a second of one hour ago.
        Assert.InRange(now - posts.Max(p => p.CreatedAt), TimeSpan.FromHours(1), TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(recorded.Max(p => p.CreatedAt) - recorded.Min(p => p.CreatedAt), posts.Max(p => p.CreatedAt) - posts.Min(p => p.CreatedAt));
        Assert.All(posts, p => Assert.Equal(p.CreatedAt, DateTimeOffset.Parse(JsonNode.Parse(p.RawJson)!["created_at"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Years_ahead_the_sample_still_fills_the_default_top_window_and_qualifies_for_a_notification()
    {
        var now = new DateTimeOffset(2031, 6, 15, 3, 30, 0, TimeSpan.Zero);
        var posts = await ServedAsync(Source(clock: new FakeTimeProvider(now)));
        var classifier = new HeuristicSignalClassifier();
        var salience = new SalienceCalculator(new SalienceOptions());
        var notify = new NotifyOptions();
        var scored = new List<(XPost Post, double Salience)>();
        foreach (var post in posts.DistinctBy(p => p.Id))
        {
            var c = await classifier.ClassifyAsync(new SignalText(post.Id, post.Text, post.AuthorUsername, post.LikeCount, post.RetweetCount, post.ReplyCount, post.QuoteCount), CancellationToken.None);
            scored.Add((post, salience.Calculate(new SalienceInput(post.LikeCount, post.RetweetCount, post.ReplyCount, post.QuoteCount, c.Urgency, c.Category, c.Sentiment, post.CreatedAt), now)));
        }

        // GET /signals/top with its defaults: scored posts of the last 24 hours.
        var lastDay = scored.Where(s => s.Post.CreatedAt >= now.AddHours(-24)).ToList();
        Assert.True(lastDay.Count >= 20, $"{lastDay.Count} sample posts in the last 24 h");
        // The notifier's rule with its defaults: salience at or above the threshold, created within the window.
        Assert.Contains(scored, s => s.Salience >= notify.Threshold && s.Post.CreatedAt >= now.AddHours(-notify.WithinHours));
    }

    [Fact]
    public void In_sample_mode_the_embedded_sample_and_the_default_queries_are_registered()
    {
        using var host = BuildHost(new Dictionary<string, string?> { [SourceModes.DefaultKey] = "sample", ["Harvest:X:BearerToken"] = "ignored-in-sample-mode" });

        var source = host.Services.GetRequiredService<IXPostSource>();
        var setting = host.Services.GetRequiredService<SourceSettings>().Find(SourceNames.X)!;

        Assert.IsType<EmbeddedXPostSource>(source);
        Assert.Equal("embedded-sample", source.Name);
        Assert.Equal((SourceMode.Sample, SourceMode.Sample, true), (setting.ConfiguredMode, setting.Mode, setting.CredentialConfigured));
        Assert.Equal(DefaultXQueries.All, host.Services.GetRequiredService<IOptions<HarvestOptions>>().Value.Queries);
    }

    [Fact]
    public void Live_without_a_bearer_token_is_off_and_never_falls_back_to_the_sample()
    {
        using var host = BuildHost([]);

        var setting = host.Services.GetRequiredService<SourceSettings>().Find(SourceNames.X)!;

        Assert.Null(host.Services.GetService<IXPostSource>());
        Assert.Equal((SourceMode.Live, SourceMode.Off, false), (setting.ConfiguredMode, setting.Mode, setting.CredentialConfigured));
        Assert.Contains("bearer token", setting.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_with_a_bearer_token_calls_X_and_stores_live_posts()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Harvest:X:BearerToken"] = "token", ["Harvest:X:BaseUrl"] = "http://127.0.0.1:5996" });

        var source = host.Services.GetRequiredService<IXPostSource>();
        var setting = host.Services.GetRequiredService<SourceSettings>().Find(SourceNames.X)!;

        Assert.IsType<XApiClient>(source);
        Assert.Equal(DataOrigin.Live, source.Origin);
        Assert.Equal((SourceMode.Live, "http://127.0.0.1:5996", true), (setting.Mode, setting.Endpoint, setting.CredentialConfigured));
        Assert.DoesNotContain("token", setting.Detail, StringComparison.Ordinal);
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

    private static EmbeddedXPostSource Source(int maxResults = 100, string? language = null, TimeProvider? clock = null) =>
        new(Options.Create(new XApiOptions { MaxResults = maxResults, Language = language }), clock ?? TimeProvider.System);

    // Every page of every default query, as a harvest would read them.
    private static async Task<List<XPost>> ServedAsync(EmbeddedXPostSource source)
    {
        var posts = new List<XPost>();
        foreach (var query in DefaultXQueries.All)
        {
            string? token = null;
            do
            {
                var page = await source.SearchRecentAsync(query, null, token, CancellationToken.None);
                posts.AddRange(page.Posts);
                token = page.NextToken;
            }
            while (token is not null);
        }

        return posts;
    }
}
