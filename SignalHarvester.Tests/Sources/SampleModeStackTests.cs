using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Sources;

/// <summary>
/// The stack as `dotnet run` starts it: every source in sample mode. The bundled X sample was recorded
/// on 2026-11-24…27; served re-dated, it fills the default windows on whatever day the tests run.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SampleModeStackTests(StackFixture stack)
{
    private static readonly string[] AllSources = ["arxiv", "github", "hackernews", "llm", "slack", "x"];

    [Fact]
    public async Task Top_signals_with_default_parameters_are_fresh_samples_marked_as_such()
    {
        using var api = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();

        var top = await Eventually.ReturnsAsync(
            () => GetAsync(api, key, "/api/v1/signals/top"),
            t => t.GetArrayLength() > 0,
            TimeSpan.FromSeconds(90),
            "the sample harvested and scored within the default 24 hours");

        Assert.All(top.EnumerateArray(), s =>
        {
            Assert.Equal("sample", s.GetProperty("origin").GetString());
            Assert.Matches("^9[0-9]{19}$", s.GetProperty("id").GetString());
            Assert.True(s.GetProperty("createdAt").GetDateTimeOffset() >= DateTimeOffset.UtcNow.AddHours(-24));
        });
        var samples = await GetAsync(api, key, "/api/v1/signals?origin=sample&pageSize=200");
        Assert.True(samples.GetProperty("total").GetInt32() >= 250, samples.GetProperty("total").ToString());
        Assert.All(samples.GetProperty("items").EnumerateArray(), s => Assert.Equal("sample", s.GetProperty("origin").GetString()));
    }

    [Fact]
    public async Task A_sample_post_qualifies_for_a_notification_and_sample_Slack_records_it()
    {
        using var api = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();

        var notified = await Eventually.ReturnsAsync(
            () => GetAsync(api, key, "/api/v1/signals?status=inactive&origin=sample&pageSize=50"),
            page => page.GetProperty("total").GetInt32() > 0,
            TimeSpan.FromSeconds(90),
            "a sample post notified through Slack's sample mode");

        Assert.All(notified.GetProperty("items").EnumerateArray(), s =>
        {
            Assert.True(s.GetProperty("salience").GetDouble() >= 60, s.ToString());
            Assert.True(s.GetProperty("notifiedAt").GetDateTimeOffset() >= s.GetProperty("createdAt").GetDateTimeOffset());
        });
    }

    [Fact]
    public async Task Discoveries_are_marked_as_samples_and_an_unknown_origin_is_refused()
    {
        using var api = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();

        var page = await Eventually.ReturnsAsync(
            () => GetAsync(api, key, "/api/v1/discoveries?limit=100"),
            p => p.GetProperty("items").GetArrayLength() > 0,
            TimeSpan.FromSeconds(120),
            "the discovery run on the samples scored artifacts");

        Assert.All(page.GetProperty("items").EnumerateArray(), d => Assert.Equal("sample", d.GetProperty("origin").GetString()));
        Assert.Empty((await GetAsync(api, key, "/api/v1/discoveries?origin=live")).GetProperty("items").EnumerateArray());
        foreach (var path in new[] { "/api/v1/discoveries?origin=demo", "/api/v1/signals?origin=demo" })
        {
            using var response = await api.SendAsync(Request(HttpMethod.Get, path, key));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("origin", out _), path);
        }
    }

    [Fact]
    public async Task The_pipelines_status_says_each_source_runs_its_sample_and_how_its_last_run_went()
    {
        using var api = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();

        var status = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await api.SendAsync(Request(HttpMethod.Get, "/api/v1/pipelines", key));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            s => new[] { "x", "arxiv", "github", "hackernews" }.All(name => Source(s, name).GetProperty("lastRun").ValueKind == JsonValueKind.Object),
            TimeSpan.FromSeconds(120),
            "the first harvest and discovery runs recorded");

        Assert.Equal(AllSources, status.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(status.GetProperty("sources").EnumerateArray(), s =>
        {
            Assert.Equal("sample", s.GetProperty("mode").GetString());
            Assert.Equal("sample", s.GetProperty("configuredMode").GetString());
            Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("detail").GetString()));
        });
        // A later scheduled run finds nothing new (its cursor is past the sample), so only success is certain.
        foreach (var name in new[] { "x", "arxiv", "github", "hackernews" })
        {
            var run = Source(status, name).GetProperty("lastRun");
            Assert.True(run.GetProperty("succeeded").GetBoolean(), $"{name}: {run}");
            Assert.True(run.GetProperty("items").GetInt32() >= 0);
            Assert.Equal(JsonValueKind.Null, Source(status, name).GetProperty("lastError").ValueKind);
        }

        var signals = status.GetProperty("pipelines").EnumerateArray().Single(p => p.GetProperty("pipeline").GetString() == "signals");
        Assert.Equal("*/5 * * * *", signals.GetProperty("schedule").GetString());
        Assert.True(signals.GetProperty("nextRunAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        using var anonymous = await api.GetAsync("/api/v1/pipelines");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    // With the key: polling for a minute must not meet the anonymous rate limit.
    private static async Task<JsonElement> GetAsync(HttpClient api, string key, string path)
    {
        using var response = await api.SendAsync(Request(HttpMethod.Get, path, key));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Source(JsonElement status, string name) =>
        status.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
}
