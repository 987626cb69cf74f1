using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>/api/v1/topics on the populated stack: list, get, trending (cached), timeline, evolution, stats, merges, splits.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class TopicsEndpointsTests(PopulatedStackFixture stack)
{
    private static readonly string[] Trends = ["rapidly_emerging", "emerging", "stable", "declining"];

    [Fact]
    public async Task Topics_are_listed_most_artifacts_first_and_one_is_shown_with_its_latest_period()
    {
        using var client = stack.CreateApiClient();
        var topics = await client.GetFromJsonAsync<JsonElement>("/api/v1/topics?limit=500&minArtifacts=1");
        var counts = topics.EnumerateArray().Select(t => t.GetProperty("artifactCount").GetInt32()).ToList();
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.True(c >= 1));
        Assert.Equal(counts.OrderDescending(), counts);

        var busiest = topics[0];
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/topics/{busiest.GetProperty("id").GetInt64()}");
        Assert.Equal(busiest.GetProperty("name").GetString(), detail.GetProperty("topic").GetProperty("name").GetString());
        var period = detail.GetProperty("latestPeriod");
        Assert.Contains(period.GetProperty("trend").GetString(), Trends);
        Assert.True(period.GetProperty("periodEnd").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        // Similar topics: the stored pairs of a topic that has some, most similar first, at most ten.
        await using var db = await stack.OpenDatabaseAsync();
        var withPairs = await Sql.ListAsync(db, "select topic_a_id from topic_similarity group by topic_a_id order by count(*) desc, topic_a_id limit 1", r => r.GetInt64(0));
        var topicId = Assert.Single(withPairs);
        var stored = await Sql.ListAsync(db, $"""
            select case when topic_a_id = {topicId} then topic_b_id else topic_a_id end, similarity from topic_similarity
            where topic_a_id = {topicId} or topic_b_id = {topicId} order by similarity desc limit 10
            """, r => (Id: r.GetInt64(0), Similarity: r.GetDouble(1)));
        var similar = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/topics/{topicId}")).GetProperty("similarTopics").EnumerateArray()
            .Select(t => (Id: t.GetProperty("id").GetInt64(), Similarity: t.GetProperty("similarity").GetDouble())).ToList();
        Assert.NotEmpty(similar);
        Assert.Equal(stored.Select(t => t.Similarity), similar.Select(t => t.Similarity));
        Assert.Equal(stored.Select(t => t.Id).ToHashSet(), similar.Select(t => t.Id).ToHashSet());
    }

    [Fact]
    public async Task Trending_lists_topics_active_in_the_window_with_growth_and_trend()
    {
        using var client = stack.CreateApiClient();
        using var response = await client.GetAsync("/api/v1/topics/trending?window=14&limit=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertRateLimitHeaders(response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(14, body.GetProperty("windowDays").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 1, 5);
        Assert.All(items, item =>
        {
            Assert.True(item.GetProperty("artifactsInWindow").GetInt32() > 0);
            Assert.True(item.GetProperty("totalArtifacts").GetInt32() >= item.GetProperty("artifactsInWindow").GetInt32());
            Assert.InRange(item.GetProperty("emergenceScore").GetDouble(), 0, 100);
            Assert.Contains(item.GetProperty("trend").GetString(), Trends);
        });
        var scores = items.Select(i => i.GetProperty("emergenceScore").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Trending_is_served_from_the_cache_until_a_discovery_run_evicts_it()
    {
        using var client = stack.CreateApiClient();
        const string path = "/api/v1/topics/trending?window=30&limit=200";
        var first = (await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("items")[0];
        var id = first.GetProperty("id").GetInt64();
        var edited = $"edited behind the cache {Guid.NewGuid():N}";

        // A change the pipeline does not overwrite (display names are set once): the cache hides it…
        await using (var db = await stack.OpenDatabaseAsync())
        {
            await using var update = new NpgsqlCommand("update topics set display_name = @name where id = @id", db);
            update.Parameters.AddWithValue("name", edited);
            update.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        Assert.Equal(first.GetProperty("displayName").GetString(), DisplayName(await client.GetFromJsonAsync<JsonElement>(path), id));

        // …until a discovery run completes and evicts the topics tag.
        Assert.Equal("Succeeded", await stack.RunDiscoveryAsync());
        Assert.Equal(edited, DisplayName(await client.GetFromJsonAsync<JsonElement>(path), id));
    }

    [Fact]
    public async Task A_timeline_counts_a_topics_artifacts_per_day_or_week()
    {
        using var client = stack.CreateApiClient();
        var topic = (await client.GetFromJsonAsync<JsonElement>("/api/v1/topics?limit=1"))[0];
        var id = topic.GetProperty("id").GetInt64();

        var daily = await client.GetFromJsonAsync<JsonElement>($"/api/v1/topics/{id}/timeline?interval=day&days=365");
        var buckets = daily.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal("day", daily.GetProperty("interval").GetString());
        Assert.Equal(topic.GetProperty("artifactCount").GetInt32(), daily.GetProperty("total").GetInt32());
        Assert.Equal(buckets.Sum(b => b.GetProperty("count").GetInt32()), daily.GetProperty("total").GetInt32());
        var starts = buckets.Select(b => b.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(365, starts.Count);
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.Equal(TimeSpan.FromDays(1), pair.Second - pair.First));

        var weekly = await client.GetFromJsonAsync<JsonElement>($"/api/v1/topics/{id}/timeline?interval=week&days=365");
        Assert.Equal(daily.GetProperty("total").GetInt32(), weekly.GetProperty("total").GetInt32());
        Assert.NotEmpty(weekly.GetProperty("buckets").EnumerateArray());
        Assert.All(weekly.GetProperty("buckets").EnumerateArray(), b => Assert.Equal(DayOfWeek.Monday, b.GetProperty("start").GetDateTimeOffset().DayOfWeek));
    }

    [Fact]
    public async Task Evolution_shows_a_topics_periods_trend_and_events()
    {
        using var client = stack.CreateApiClient();
        long topicId;
        await using (var db = await stack.OpenDatabaseAsync())
        {
            await using var emerged = new NpgsqlCommand("select topic_id from topic_evolution where event_type = 'emergence' order by id limit 1", db);
            topicId = (long)(await emerged.ExecuteScalarAsync())!;
        }

        var evolution = await client.GetFromJsonAsync<JsonElement>($"/api/v1/topics/{topicId}/evolution");
        Assert.Equal(topicId, evolution.GetProperty("topicId").GetInt64());
        Assert.Contains(evolution.GetProperty("trend").GetString(), new[] { "rapidly_emerging", "emerging" });
        var periods = evolution.GetProperty("periods").EnumerateArray().ToList();
        Assert.NotEmpty(periods);
        Assert.Equal(evolution.GetProperty("trend").GetString(), periods[0].GetProperty("trend").GetString());
        Assert.Contains(evolution.GetProperty("events").EnumerateArray(), e => e.GetProperty("eventType").GetString() == "emergence");
    }

    [Fact]
    public async Task Merges_and_splits_list_their_own_events_with_both_topics()
    {
        using var client = stack.CreateApiClient();
        var topics = await client.GetFromJsonAsync<JsonElement>("/api/v1/topics?limit=2&minArtifacts=1");
        var (absorbed, absorbing) = (topics[1].GetProperty("id").GetInt64(), topics[0].GetProperty("id").GetInt64());
        long eventId;
        await using (var db = await stack.OpenDatabaseAsync())
        {
            // An event of this test's own: the sample data has no history for a merge to be detected from.
            await using var insert = new NpgsqlCommand("""
                insert into topic_evolution (topic_id, related_topic_id, event_type, period_start, period_end, artifact_count, emergence_score, created_at)
                values (@topic, @related, 'merge', now() - interval '14 days', now(), 3, 42, now()) returning id
                """, db);
            insert.Parameters.AddWithValue("topic", absorbed);
            insert.Parameters.AddWithValue("related", absorbing);
            eventId = (long)(await insert.ExecuteScalarAsync())!;
        }

        try
        {
            var merges = await client.GetFromJsonAsync<JsonElement>("/api/v1/topics/merges?days=1&limit=200");
            var merge = Assert.Single(merges.EnumerateArray(), m => m.GetProperty("id").GetInt64() == eventId);
            Assert.Equal("merge", merge.GetProperty("eventType").GetString());
            Assert.Equal(topics[1].GetProperty("name").GetString(), merge.GetProperty("topic").GetProperty("name").GetString());
            Assert.Equal(absorbing, merge.GetProperty("relatedTopic").GetProperty("id").GetInt64());

            // The merge is no split: the sample has no split events, so the list is empty.
            var splits = await client.GetFromJsonAsync<JsonElement>("/api/v1/topics/splits?days=1&limit=200");
            Assert.Empty(splits.EnumerateArray());

            var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/topics/stats");
            Assert.True(stats.GetProperty("events").GetProperty("merge").GetInt32() >= 1);
        }
        finally
        {
            await using var db = await stack.OpenDatabaseAsync();
            await using var delete = new NpgsqlCommand("delete from topic_evolution where id = @id", db);
            delete.Parameters.AddWithValue("id", eventId);
            await delete.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Stats_count_topics_trends_pairs_and_events()
    {
        using var client = stack.CreateApiClient();
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/topics/stats");
        var inUse = stats.GetProperty("topicsWithArtifacts").GetInt32();
        Assert.InRange(inUse, 1, stats.GetProperty("topics").GetInt32());
        Assert.True(stats.GetProperty("assignments").GetInt32() >= inUse);
        Assert.True(stats.GetProperty("similarPairs").GetInt32() > 0);
        // Every topic in use has a current period, so a trend.
        Assert.Equal(inUse, Trends.Sum(t => stats.GetProperty("byTrend").GetProperty(t).GetInt32()));
        Assert.True(stats.GetProperty("events").GetProperty("emergence").GetInt32() > 0);
        Assert.NotEqual(JsonValueKind.Null, stats.GetProperty("lastEvolvedAt").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/topics/trending?window=0", "window")]
    [InlineData("/api/v1/topics/trending?window=91", "window")]
    [InlineData("/api/v1/topics/trending?limit=0", "limit")]
    [InlineData("/api/v1/topics?limit=501", "limit")]
    [InlineData("/api/v1/topics?minArtifacts=-1", "minArtifacts")]
    [InlineData("/api/v1/topics/1/timeline?interval=month", "interval")]
    [InlineData("/api/v1/topics/1/timeline?days=366", "days")]
    [InlineData("/api/v1/topics/1/evolution?limit=0", "limit")]
    [InlineData("/api/v1/topics/merges?days=0", "days")]
    [InlineData("/api/v1/topics/splits?limit=201", "limit")]
    public async Task Bad_parameters_are_400_naming_the_field(string path, string field)
    {
        using var client = stack.CreateApiClient();
        using var response = await client.GetAsync(path);
        await AssertNamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("/api/v1/topics/999999999")]
    [InlineData("/api/v1/topics/999999999/timeline")]
    [InlineData("/api/v1/topics/999999999/evolution")]
    public async Task A_missing_topic_is_404_problem_details(string path)
    {
        using var client = stack.CreateApiClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Topic not found", (await ProblemAsync(response)).GetProperty("title").GetString());
    }

    private static string? DisplayName(JsonElement trending, long id) =>
        trending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id).GetProperty("displayName").GetString();
}
