using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Discovery.Sources.Arxiv;
using SignalHarvester.Worker.Discovery.Sources.HackerNews;

namespace SignalHarvester.Tests.Discovery;

/// <summary>
/// R8 for the discovery sources: an item with a field of the wrong type, missing a field, or of 10 MB is skipped with its reason and
/// counted (<c>signalharvester_discovery_items_skipped_total{source, kind}</c>); the rest of the list is read.
/// </summary>
public sealed class SkippedSourceItemsTests : IAsyncLifetime
{
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;
    private FakeHackerNewsApi hn = null!;

    public async Task InitializeAsync() => hn = await FakeHackerNewsApi.StartAsync();

    public async Task DisposeAsync() => await hn.DisposeAsync();

    [Fact]
    public async Task Hacker_news_items_of_the_wrong_shape_or_size_are_skipped_and_counted_and_the_others_read()
    {
        var time = now.AddHours(-1).ToUnixTimeSeconds();
        hn.AddStory(1, "A good story", now.AddHours(-1));
        hn.AddItem(2, new JsonObject { ["id"] = 2, ["type"] = "story", ["title"] = "A time that is a word", ["time"] = "yesterday" });
        hn.AddItem(3, new JsonObject { ["id"] = 3, ["type"] = "story", ["title"] = "A score that is an object", ["time"] = time, ["score"] = new JsonObject { ["n"] = 1 } });
        hn.AddItem(4, new JsonObject { ["id"] = 4, ["type"] = "story", ["title"] = "Ten megabytes of text", ["time"] = time, ["text"] = new string('x', 10 * 1024 * 1024) });
        hn.AddStory(5, "Another good story", now.AddHours(-2));
        hn.SetList("topstories", 1, 2, 3, 4, 5);
        hn.SetList("showstories");
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var counted = new List<(string Source, string Kind)>();
        using var listener = Listen(counted);

        var skipped = new SkippedItems(services.GetRequiredService<IMeterFactory>(), NullLogger<SkippedItems>.Instance);
        var options = new HackerNewsSourceOptions { BaseUrl = hn.BaseUrl.ToString(), MaxItems = 60, MaxParallelism = 2 };
        var stories = await TestSources.HackerNews(options, skipped: skipped).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(["1", "5"], stories.Select(s => s.SourceId));
        Assert.Equal(
            [("hackernews", SkippedItems.Oversized), ("hackernews", SkippedItems.Unreadable), ("hackernews", SkippedItems.Unreadable)],
            counted.Order());
    }

    [Fact]
    public async Task Arxiv_entries_without_a_title_or_of_ten_megabytes_are_skipped_and_counted_and_the_others_read()
    {
        await using var arxiv = await FakeArxivApi.StartAsync();
        var published = now.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        arxiv.RawFeed = $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">3</opensearch:totalResults>
              <entry><id>http://arxiv.org/abs/2511.00001v1</id><published>{{published}}</published><title>A good paper</title></entry>
              <entry><id>http://arxiv.org/abs/2511.00002v1</id><published>{{published}}</published><summary>No title here.</summary></entry>
              <entry><id>http://arxiv.org/abs/2511.00003v1</id><published>{{published}}</published><title>Huge</title><summary>{{new string('x', 10 * 1024 * 1024)}}</summary></entry>
            </feed>
            """;
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var counted = new List<(string Source, string Kind)>();
        using var listener = Listen(counted);

        var skipped = new SkippedItems(services.GetRequiredService<IMeterFactory>(), NullLogger<SkippedItems>.Instance);
        var options = new ArxivSourceOptions { BaseUrl = arxiv.BaseUrl.ToString(), MinRequestInterval = TimeSpan.Zero };
        var papers = await TestSources.Arxiv(options, skipped: skipped).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(["2511.00001"], papers.Select(p => p.SourceId));
        Assert.Equal([("arxiv", SkippedItems.Oversized), ("arxiv", SkippedItems.Unreadable)], counted.Order());
    }

    private static MeterListener Listen(List<(string Source, string Kind)> counted)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "signalharvester.discovery.items_skipped")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            lock (counted)
            {
                counted.Add((labels["source"]!, labels["kind"]!));
            }
        });
        listener.Start();
        return listener;
    }
}
