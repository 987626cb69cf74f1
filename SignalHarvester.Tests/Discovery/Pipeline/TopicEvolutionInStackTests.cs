using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace SignalHarvester.Tests.Discovery.Pipeline;

/// <summary>
/// Topic evolution detected by the pipeline's own evolution stage in a run of the stack, read back through the API.
/// The history is seeded in the stack's database: four topics with hand-chosen centroids and the similarities a
/// previous run stored for two of their pairs. The events expected are derived here by hand, not by the product's rules.
/// </summary>
[Collection(DiscoveryCollection.Name)]
public sealed class TopicEvolutionInStackTests(DiscoveryStackFixture stack)
{
    // Three-dimensional centroids: the embeddings of real artifacts are much longer, and the stage only compares
    // centroids of equal length, so these four topics are compared with each other and with nothing else.
    // Every vector has length 1, so a cosine similarity is the plain dot product:
    //   merge pair: a = (1, 0, 0), b = (0.96, 0.28, 0)   a·b = 0.96        (|b|² = 0.9216 + 0.0784 = 1)
    //   split pair: c = (0, 0, 1), d = (0, 0.8, 0.6)     c·d = 0.6         (|d|² = 0.64 + 0.36 = 1)
    //   across:     a·c = 0, a·d = 0, b·c = 0, b·d = 0.28 × 0.8 = 0.224
    private static readonly float[] A = [1f, 0f, 0f], B = [0.96f, 0.28f, 0f], C = [0f, 0f, 1f], D = [0f, 0.8f, 0.6f];
    private const double MergePairNow = 0.96, SplitPairNow = 0.6;

    // What a previous run stored for the two pairs (only pairs above the fixture's SimilarityThreshold are stored).
    private const double MergePairBefore = 0.6, SplitPairBefore = 0.9;

    [Fact]
    public async Task A_run_detects_a_merge_and_a_split_from_the_stored_history_and_the_api_serves_them()
    {
        // The expectations, from the thresholds the fixture sets:
        //   a–b rose from 0.6 (< MergeSimilarity 0.85) to 0.96 (≥ 0.85): a merge;
        //   c–d fell from 0.9 (≥ 0.85) to 0.6 (< SplitSimilarity 0.70): a split;
        //   the cross pairs have no stored history (none of the four topics had a period row), so nothing is concluded.
        Assert.True(MergePairBefore < DiscoveryStackFixture.MergeSimilarity && MergePairNow >= DiscoveryStackFixture.MergeSimilarity);
        Assert.True(SplitPairBefore >= DiscoveryStackFixture.MergeSimilarity && SplitPairNow < DiscoveryStackFixture.SplitSimilarity);
        Assert.True(MergePairBefore > DiscoveryStackFixture.SimilarityThreshold && SplitPairNow > DiscoveryStackFixture.SimilarityThreshold);

        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var db = await stack.OpenDatabaseAsync();
        var (a, b, c, d) = (
            await InsertTopicAsync(db, $"test/evolution-{suffix}/a", A),
            await InsertTopicAsync(db, $"test/evolution-{suffix}/b", B),
            await InsertTopicAsync(db, $"test/evolution-{suffix}/c", C),
            await InsertTopicAsync(db, $"test/evolution-{suffix}/d", D));
        try
        {
            await InsertSimilarityAsync(db, a, b, MergePairBefore);
            await InsertSimilarityAsync(db, c, d, SplitPairBefore);

            Assert.Equal("Succeeded", await stack.RunDiscoveryAsync());

            // Neither topic of a pair has artifacts: on a tie the event belongs to the later topic (the one taken to be
            // absorbed or breaking away), the earlier one is the related topic. Ids grow with insertion: b > a, d > c.
            using var client = stack.CreateApiClient();
            var merge = Assert.Single(await EventsAsync(client, b));
            Assert.Equal(("merge", b, a), merge);
            Assert.Equal([merge], await EventsAsync(client, a)); // the related topic lists it too
            var split = Assert.Single(await EventsAsync(client, d));
            Assert.Equal(("split", d, c), split);
            Assert.Equal([split], await EventsAsync(client, c));

            // The listings by type carry them, and the similarities now stored are this run's.
            Assert.Contains((b, a), await ListedAsync(client, "merges"));
            Assert.Contains((d, c), await ListedAsync(client, "splits"));
            Assert.Equal(MergePairNow, await SimilarityAsync(client, a, b), 6);
            Assert.Equal(SplitPairNow, await SimilarityAsync(client, c, d), 6);

            // A second run has the new similarities as history: nothing crosses a line again, so no event is added.
            Assert.Equal("Succeeded", await stack.RunDiscoveryAsync());
            Assert.Equal([merge], await EventsAsync(client, a));
            Assert.Equal([split], await EventsAsync(client, c));
        }
        finally
        {
            // Similarities and events go with their topics (cascade).
            await using var delete = new NpgsqlCommand("delete from topics where id = any(@ids)", db);
            delete.Parameters.AddWithValue("ids", new[] { a, b, c, d });
            await delete.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> InsertTopicAsync(NpgsqlConnection db, string name, float[] centroid)
    {
        await using var insert = new NpgsqlCommand(
            "insert into topics (name, centroid, artifact_count, created_at) values (@name, @centroid, 0, now()) returning id", db);
        insert.Parameters.AddWithValue("name", name);
        insert.Parameters.Add(new NpgsqlParameter("centroid", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = centroid });
        return (long)(await insert.ExecuteScalarAsync())!;
    }

    private static async Task InsertSimilarityAsync(NpgsqlConnection db, long first, long second, double similarity)
    {
        await using var insert = new NpgsqlCommand(
            "insert into topic_similarity (topic_a_id, topic_b_id, similarity, computed_at) values (@a, @b, @similarity, now() - interval '1 day')", db);
        insert.Parameters.AddWithValue("a", Math.Min(first, second));
        insert.Parameters.AddWithValue("b", Math.Max(first, second));
        insert.Parameters.AddWithValue("similarity", similarity);
        await insert.ExecuteNonQueryAsync();
    }

    // A topic's events from /api/v1/topics/{id}/evolution: (type, topic, related topic).
    private static async Task<List<(string Type, long Topic, long Related)>> EventsAsync(HttpClient client, long topicId)
    {
        var evolution = await client.GetFromJsonAsync<JsonElement>($"/api/v1/topics/{topicId}/evolution");
        Assert.Equal(topicId, evolution.GetProperty("topicId").GetInt64());
        return evolution.GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("eventType").GetString()!, e.GetProperty("topic").GetProperty("id").GetInt64(), e.GetProperty("relatedTopic").GetProperty("id").GetInt64()))
            .ToList();
    }

    private static async Task<List<(long Topic, long Related)>> ListedAsync(HttpClient client, string kind)
    {
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/v1/topics/{kind}?days=1&limit=200");
        return events.EnumerateArray()
            .Select(e => (e.GetProperty("topic").GetProperty("id").GetInt64(), e.GetProperty("relatedTopic").GetProperty("id").GetInt64()))
            .ToList();
    }

    private static async Task<double> SimilarityAsync(HttpClient client, long topicId, long otherId)
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/topics/{topicId}");
        var similar = Assert.Single(detail.GetProperty("similarTopics").EnumerateArray(), t => t.GetProperty("id").GetInt64() == otherId);
        return similar.GetProperty("similarity").GetDouble();
    }
}
