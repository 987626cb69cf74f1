using System.Net;
using System.Text.Json;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>/api/v1/analytics on the populated stack, checked against the database itself.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class AnalyticsEndpointsTests(PopulatedStackFixture stack)
{
    [Fact]
    public async Task Sources_count_what_each_source_stored()
    {
        using var client = KeyedClient();
        var body = await GetJsonAsync(client, "/api/v1/analytics/sources");
        await using var db = await stack.OpenDatabaseAsync();
        var expected = await Sql.ListAsync(db,
            "select a.source, count(*)::int, count(s.id)::int from artifacts a left join scores s on s.artifact_id = a.id group by a.source",
            r => (Source: r.GetString(0), Count: r.GetInt32(1), Scored: r.GetInt32(2)));

        var sources = body.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("source").GetString()!, s => s);
        Assert.Equal(expected.Select(e => e.Source).Order(), sources.Keys.Order());
        Assert.Superset(new HashSet<string> { "arxiv", "github", "hackernews", "x" }, sources.Keys.ToHashSet());
        Assert.Contains(expected, e => e.Scored > 0);
        foreach (var (source, count, scored) in expected)
        {
            var summary = sources[source];
            Assert.Equal(count, summary.GetProperty("artifacts").GetInt32());
            Assert.Equal(scored, summary.GetProperty("scored").GetInt32());
        }

        // Best and average as PostgreSQL computes them, for every source with scores.
        var scores = await Sql.ListAsync(db,
            "select a.source, max(s.discovery_score), avg(s.discovery_score) from artifacts a join scores s on s.artifact_id = a.id group by a.source",
            r => (Source: r.GetString(0), Max: r.GetDouble(1), Average: r.GetDouble(2)));
        Assert.NotEmpty(scores);
        foreach (var (source, max, average) in scores)
        {
            // The API rounds to 4 decimals.
            Assert.Equal(max, sources[source].GetProperty("maxScore").GetDouble(), tolerance: 0.00005);
            Assert.Equal(average, sources[source].GetProperty("averageScore").GetDouble(), tolerance: 0.00005);
        }

        var posts = (await Sql.ListAsync(db, "select count(*)::int from tweets", r => r.GetInt32(0))).Single();
        Assert.Equal(posts, body.GetProperty("signals").GetProperty("posts").GetInt32());
    }

    [Fact]
    public async Task Trends_bucket_every_recent_artifact_into_weeks_starting_on_monday()
    {
        using var client = KeyedClient();
        var body = await GetJsonAsync(client, "/api/v1/analytics/trends?days=365&interval=week");
        await using var db = await stack.OpenDatabaseAsync();
        var recent = (await Sql.ListAsync(db, "select count(*)::int from artifacts where published_at >= now() - interval '365 days'", r => r.GetInt32(0))).Single();

        var points = body.GetProperty("artifacts").EnumerateArray().ToList();
        Assert.Equal(recent, points.Sum(p => p.GetProperty("artifacts").GetInt32()));
        Assert.All(points, p =>
        {
            var start = p.GetProperty("periodStart").GetDateTimeOffset().ToUniversalTime();
            Assert.Equal(DayOfWeek.Monday, start.DayOfWeek);
            Assert.Equal(TimeSpan.Zero, start.TimeOfDay);
        });
        Assert.True(body.GetProperty("signals").GetArrayLength() > 0);

        var daily = await GetJsonAsync(client, "/api/v1/analytics/trends?days=365&interval=day&source=arxiv");
        Assert.NotEmpty(daily.GetProperty("artifacts").EnumerateArray());
        Assert.All(daily.GetProperty("artifacts").EnumerateArray(), p => Assert.Equal("arxiv", p.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Correlations_match_pearson_computed_from_the_stored_components()
    {
        using var client = KeyedClient();
        var body = await GetJsonAsync(client, "/api/v1/analytics/correlations");
        var components = body.GetProperty("scoreComponents").EnumerateArray().ToList();
        Assert.Equal(21, components.Count);

        await using var db = await stack.OpenDatabaseAsync();
        var rows = await Sql.ListAsync(db, "select novelty, discovery_score from scores", r => (X: r.GetDouble(0), Y: r.GetDouble(1)));
        var pair = components.Single(c => c.GetProperty("a").GetString() == "novelty" && c.GetProperty("b").GetString() == "discovery_score");
        Assert.Equal(rows.Count, pair.GetProperty("samples").GetInt32());
        Assert.Equal(Pearson(rows), pair.GetProperty("coefficient").GetDouble(), 3);
        Assert.All(components.Where(c => c.GetProperty("coefficient").ValueKind == JsonValueKind.Number),
            c => Assert.InRange(c.GetProperty("coefficient").GetDouble(), -1.0001, 1.0001));
        Assert.Equal(2, body.GetProperty("signals").GetArrayLength());
    }

    [Fact]
    public async Task Score_distributions_put_every_score_in_one_bin()
    {
        using var client = KeyedClient();
        var body = await GetJsonAsync(client, "/api/v1/analytics/score-distributions?bins=5");
        await using var db = await stack.OpenDatabaseAsync();
        var scores = (await Sql.ListAsync(db, "select count(*)::int from scores", r => r.GetInt32(0))).Single();
        var salience = (await Sql.ListAsync(db, "select count(*)::int from tweets where salience is not null", r => r.GetInt32(0))).Single();

        foreach (var (name, expected) in new[] { ("discovery", scores), ("salience", salience) })
        {
            var distribution = body.GetProperty(name);
            var bins = distribution.GetProperty("bins").EnumerateArray().ToList();
            Assert.Equal(5, bins.Count);
            Assert.Equal(0, bins[0].GetProperty("from").GetDouble());
            Assert.Equal(100, bins[^1].GetProperty("to").GetDouble());
            Assert.Equal(expected, distribution.GetProperty("count").GetInt32());
            Assert.Equal(expected, bins.Sum(b => b.GetProperty("count").GetInt32()));
            Assert.True(distribution.GetProperty("p50").GetDouble() <= distribution.GetProperty("p90").GetDouble());
            Assert.True(distribution.GetProperty("p90").GetDouble() <= distribution.GetProperty("p99").GetDouble());
        }
    }

    [Theory]
    [InlineData("/api/v1/analytics/trends?days=0", "days")]
    [InlineData("/api/v1/analytics/trends?days=366", "days")]
    [InlineData("/api/v1/analytics/trends?interval=month", "interval")]
    [InlineData("/api/v1/analytics/trends?source=arxiv';drop%20table%20artifacts;--", "source")]
    [InlineData("/api/v1/analytics/correlations?source=ARXIV%20", "source")]
    [InlineData("/api/v1/analytics/score-distributions?bins=1", "bins")]
    [InlineData("/api/v1/analytics/score-distributions?bins=51", "bins")]
    public async Task Bad_parameters_are_a_400_naming_the_field(string path, string field)
    {
        using var client = KeyedClient();
        using var response = await client.GetAsync(path);
        await AssertNamesFieldAsync(response, field);
        AssertRateLimitHeaders(response);
    }

    // Analytics cost 5 tokens a request: with the fixture's key, not the anonymous bucket the whole collection shares.
    private HttpClient KeyedClient()
    {
        var client = stack.CreateApiClient();
        client.DefaultRequestHeaders.Add(ApiKeyHeader, stack.ApiKey);
        return client;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static double Pearson(IReadOnlyList<(double X, double Y)> rows)
    {
        var meanX = rows.Average(r => r.X);
        var meanY = rows.Average(r => r.Y);
        var covariance = rows.Sum(r => (r.X - meanX) * (r.Y - meanY));
        var spreadX = Math.Sqrt(rows.Sum(r => (r.X - meanX) * (r.X - meanX)));
        var spreadY = Math.Sqrt(rows.Sum(r => (r.Y - meanY) * (r.Y - meanY)));
        return covariance / (spreadX * spreadY);
    }
}
