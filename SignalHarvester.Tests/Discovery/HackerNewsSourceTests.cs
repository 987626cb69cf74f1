using System.Net;
using System.Text.Json.Nodes;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Discovery.Sources.HackerNews;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Tests.Discovery;

public sealed class HackerNewsSourceTests : IAsyncLifetime
{
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;
    private FakeHackerNewsApi hn = null!;

    public async Task InitializeAsync() => hn = await FakeHackerNewsApi.StartAsync();

    public async Task DisposeAsync() => await hn.DisposeAsync();

    private HackerNewsSourceOptions Options(int maxItems = 60, int parallelism = 4) => new()
    {
        BaseUrl = hn.BaseUrl.ToString(),
        MaxItems = maxItems,
        MaxParallelism = parallelism,
    };

    [Fact]
    public async Task Reads_a_story_with_its_url_author_and_raw_item()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(now.AddHours(-2).ToUnixTimeSeconds());
        hn.AddStory(44210877, "A two-line fix for routing collapse in MoE &amp; friends", time, url: "https://arxiv.org/abs/2511.14902", by: "mlwatcher");
        hn.SetList("topstories", 44210877);
        hn.SetList("showstories");

        var story = Assert.Single(await TestSources.HackerNews(Options()).FetchAllAsync(now.AddDays(-1)));

        Assert.Equal(SourceNames.HackerNews, story.Source);
        Assert.Equal("44210877", story.SourceId);
        Assert.Equal(ArtifactTypes.Story, story.ArtifactType);
        Assert.Equal("A two-line fix for routing collapse in MoE & friends", story.Title);
        Assert.Null(story.Text);
        Assert.Equal("https://arxiv.org/abs/2511.14902", story.Url);
        Assert.Equal(time, story.PublishedAt);
        Assert.Equal(new SourceAuthor("mlwatcher", Handle: "mlwatcher", Url: "https://news.ycombinator.com/user?id=mlwatcher"), Assert.Single(story.Authors));
        Assert.Equal(44210877, JsonNode.Parse(story.RawJson)!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_ask_hn_without_url_links_to_the_discussion_and_has_plain_text()
    {
        hn.AddStory(7, "Ask HN: Is anyone using tokenizer-free models?", now.AddHours(-1),
            text: "Byte-level models keep getting better (e.g. <a href=\"https:&#x2F;&#x2F;arxiv.org&#x2F;abs&#x2F;2511.14893\" rel=\"nofollow\">https:&#x2F;&#x2F;arxiv.org&#x2F;abs&#x2F;2511...</a>). What&#x27;s the <i>latency</i> cost?<p>We serve Vietnamese &amp; Thai.<p>See <a href=\"https:&#x2F;&#x2F;github.com&#x2F;northbridge-nlp&#x2F;tokenwise\">the repo</a>.");
        hn.SetList("topstories", 7);
        hn.SetList("showstories");

        var story = Assert.Single(await TestSources.HackerNews(Options()).FetchAllAsync(now.AddDays(-1)));

        Assert.Equal("https://news.ycombinator.com/item?id=7", story.Url);
        Assert.Equal(
            "Byte-level models keep getting better (e.g. https://arxiv.org/abs/2511.14893). What's the latency cost?\n\nWe serve Vietnamese & Thai.\n\nSee the repo (https://github.com/northbridge-nlp/tokenwise).",
            story.Text);
    }

    [Fact]
    public async Task Skips_deleted_dead_missing_job_and_poll_items_and_stories_older_than_since()
    {
        hn.AddStory(1, "A live story", now.AddHours(-1));
        hn.AddStory(2, "Dead", now.AddHours(-1), dead: true);
        hn.AddItem(3, new JsonObject { ["deleted"] = true, ["id"] = 3, ["time"] = now.AddHours(-1).ToUnixTimeSeconds(), ["type"] = "story" });
        hn.AddStory(4, "Example (YC W24) is hiring", now.AddHours(-1), url: "https://example.com/jobs", type: "job");
        hn.AddStory(5, "Poll: tabs or spaces?", now.AddHours(-1), type: "poll");
        hn.AddStory(6, "Yesterday's news", now.AddHours(-30));
        hn.SetList("topstories", 1, 2, 3, 4, 5, 6, 404);
        hn.SetList("showstories");

        var stories = await TestSources.HackerNews(Options()).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(["1"], stories.Select(s => s.SourceId));
    }

    [Fact]
    public async Task Interleaves_the_configured_lists_and_reads_at_most_max_items()
    {
        foreach (var id in Enumerable.Range(1, 15))
        {
            hn.AddStory(id, $"Story {id}", now.AddMinutes(-id));
        }

        hn.SetList("topstories", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        hn.SetList("showstories", 11, 2, 12, 13);

        var stories = await TestSources.HackerNews(Options(maxItems: 6)).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(["1", "11", "2", "3", "12", "4"], stories.Select(s => s.SourceId));
        Assert.Equal(["/v0/topstories.json", "/v0/showstories.json"], hn.Requests.Take(2).Select(r => r.Path));
        Assert.Equal(8, hn.Requests.Count);
    }

    [Fact]
    public async Task Reads_the_configured_lists()
    {
        hn.AddStory(1, "New", now.AddMinutes(-1));
        hn.SetList("newstories", 1);
        var options = Options();
        options.Lists = ["new"];

        Assert.Single(await TestSources.HackerNews(options).FetchAllAsync(now.AddDays(-1)));
        Assert.Equal("/v0/newstories.json", hn.Requests[0].Path);
    }

    [Fact]
    public async Task Fetches_items_with_bounded_parallelism()
    {
        foreach (var id in Enumerable.Range(1, 16))
        {
            hn.AddStory(id, $"Story {id}", now.AddMinutes(-id));
        }

        hn.SetList("topstories", [.. Enumerable.Range(1, 16).Select(i => (long)i)]);
        hn.SetList("showstories");
        hn.HoldItemsUntilInFlight = 4;

        var stories = await TestSources.HackerNews(Options(parallelism: 4)).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(16, stories.Count);
        Assert.Equal(4, hn.MaxConcurrentItemRequests);
    }

    [Fact]
    public async Task A_failing_api_throws()
    {
        hn.FailureStatus = 503;

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => TestSources.HackerNews(Options()).FetchAllAsync(now.AddDays(-1)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
    }
}
