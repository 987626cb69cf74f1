using System.Net;
using System.Text.Json;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>/api/v1/cache: operators see the shared response cache and evict it by tag.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class CacheEndpointsTests(PopulatedStackFixture stack)
{
    [Fact]
    public async Task Stats_count_hits_and_misses_and_invalidate_empties_the_tag()
    {
        using var client = stack.CreateApiClient();
        using (var cleared = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/cache/invalidate", stack.ApiKey)))
        {
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }

        var before = await StatsAsync(client);
        var path = $"/api/v1/discoveries?limit=3&minScore=0&probe={Guid.NewGuid():N}";
        (await client.GetAsync(path)).Dispose();
        (await client.GetAsync(path)).Dispose();

        // Counters are written without waiting (a lookup never waits on them): poll until they land.
        var after = await Eventually.ReturnsAsync(
            () => StatsAsync(client),
            s => Count(s, "hits") > Count(before, "hits") && Count(s, "misses") > Count(before, "misses"),
            TimeSpan.FromSeconds(10), "a miss then a hit counted");
        Assert.True(after.GetProperty("entries").GetInt32() >= 1);
        Assert.True(after.GetProperty("entriesByTag").GetProperty("discoveries").GetInt64() >= 1);
        Assert.InRange(after.GetProperty("hitRatio").GetDouble(), 0.0001, 1);

        using var invalidated = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/cache/invalidate?tag=discoveries", stack.ApiKey));
        Assert.Equal(HttpStatusCode.OK, invalidated.StatusCode);
        using var invalidation = JsonDocument.Parse(await invalidated.Content.ReadAsStringAsync());
        Assert.Equal(["discoveries"], invalidation.RootElement.GetProperty("evictedTags").EnumerateArray().Select(t => t.GetString()));

        var emptied = await StatsAsync(client);
        Assert.Equal(0, emptied.GetProperty("entriesByTag").GetProperty("discoveries").GetInt64());
        var missesBefore = Count(emptied, "misses");
        (await client.GetAsync(path)).Dispose();
        await Eventually.ReturnsAsync(() => StatsAsync(client), s => Count(s, "misses") > missesBefore, TimeSpan.FromSeconds(10),
            "the evicted response missed");
    }

    [Fact]
    public async Task Callers_with_and_without_a_key_share_cached_responses()
    {
        // Discoveries are the same for every caller, so a client presenting its API key is served from
        // (and fills) the shared cache like an anonymous one; a response served from the cache carries Age.
        using var client = stack.CreateApiClient();
        var path = $"/api/v1/discoveries?limit=3&probe={Guid.NewGuid():N}";
        using var first = await client.SendAsync(Request(HttpMethod.Get, path, stack.ApiKey));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Age);
        var body = await first.Content.ReadAsStringAsync();

        var keyed = await Eventually.ReturnsAsync(
            () => CachedAsync(client, Request(HttpMethod.Get, path, stack.ApiKey)),
            response => response.Age is not null, TimeSpan.FromSeconds(10), "the keyed request served from the cache");
        Assert.Equal(body, keyed.Body);
        var anonymous = await CachedAsync(client, Request(HttpMethod.Get, path));
        Assert.NotNull(anonymous.Age);
        Assert.Equal(body, anonymous.Body);
        // Each caller's own bucket in the headers (standard key 1000/min, anonymous 100/min), not the stored request's.
        Assert.Equal(("1000", "100"), (keyed.Limit, anonymous.Limit));
    }

    [Fact]
    public async Task Signal_reads_are_served_from_the_cache_under_the_signals_tag()
    {
        using var client = stack.CreateApiClient();
        using var api = new KeyedApiClient(stack.CreateApiClient(), stack.ApiKey);
        var probe = Guid.NewGuid().ToString("N");
        var id = (await api.OkAsync($"/api/v1/signals?pageSize=1&probe={probe}")).GetProperty("items")[0].GetProperty("id").GetString();
        var before = await StatsAsync(client);
        string[] paths =
        [
            $"/api/v1/signals/top?limit=50&hours=168&probe={probe}",
            $"/api/v1/signals?pageSize=20&probe={probe}",
            $"/api/v1/signals/stats?probe={probe}",
        ];
        foreach (var path in paths)
        {
            var first = await CachedAsync(client, Request(HttpMethod.Get, path, stack.ApiKey));
            Assert.Null(first.Age);
            // The entry is stored after the response went out: the next read may still miss.
            var repeated = await Eventually.ReturnsAsync(
                () => CachedAsync(client, Request(HttpMethod.Get, path, stack.ApiKey)),
                response => response.Age is not null, TimeSpan.FromSeconds(10), $"{path} served from the cache");
            Assert.Equal(first.Body, repeated.Body);
        }

        var stats = await Eventually.ReturnsAsync(
            () => StatsAsync(client), s => Count(s, "hits") >= Count(before, "hits") + paths.Length, TimeSpan.FromSeconds(10), "the hits counted");
        Assert.True(stats.GetProperty("entriesByTag").GetProperty("signals").GetInt64() >= 1);

        // One signal by id is read fresh every time (not cached): no Age however often it is read.
        for (var read = 0; read < 3; read++)
        {
            Assert.Null((await CachedAsync(client, Request(HttpMethod.Get, $"/api/v1/signals/{id}?probe={probe}", stack.ApiKey))).Age);
        }
    }

    [Fact]
    public async Task Cache_routes_need_a_key_and_a_known_tag()
    {
        using var client = stack.CreateApiClient();
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/v1/cache/stats"), (HttpMethod.Post, "/api/v1/cache/invalidate") })
        {
            using var anonymous = await client.SendAsync(Request(method, path));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            await ProblemAsync(anonymous);
            AssertRateLimitHeaders(anonymous);
        }

        using var unknown = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/cache/invalidate?tag=everything", stack.ApiKey));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await ProblemAsync(unknown)).GetProperty("errors").TryGetProperty("tag", out _));
    }

    private async Task<JsonElement> StatsAsync(HttpClient client)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/cache/stats", stack.ApiKey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static async Task<(TimeSpan? Age, string Body, string? Limit)> CachedAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertRateLimitHeaders(response);
            return (response.Headers.Age, await response.Content.ReadAsStringAsync(), Header(response, "X-RateLimit-Limit"));
        }
    }

    private static long Count(JsonElement stats, string name) => stats.GetProperty(name).GetInt64();
}
