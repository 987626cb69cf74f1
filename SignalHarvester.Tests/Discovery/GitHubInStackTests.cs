using System.Net.Http.Json;
using System.Text.Json;
using SignalHarvester.Tests.Api;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Tests.Signals;

namespace SignalHarvester.Tests.Discovery;

/// <summary>GitHub over HTTP in the running stack: the worker's discovery run at start reads the fake GitHub.</summary>
[Collection(SignalsCollection.Name)]
public sealed class GitHubInStackTests(SignalsStackFixture stack)
{
    [Fact]
    public async Task Repositories_from_every_page_and_their_releases_are_stored_as_live_artifacts()
    {
        using var api = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();
        await using var db = await stack.OpenDatabaseAsync();

        var stored = await Eventually.ReturnsAsync(
            () => Sql.ListAsync(db, "select source_id, artifact_type, origin from artifacts where source = 'github' order by source_id",
                r => (Id: r.GetString(0), Type: r.GetString(1), Origin: r.GetString(2))),
            rows => rows.Count == 5,
            TimeSpan.FromSeconds(120),
            "the discovery run at start stored GitHub's repositories and releases");

        Assert.Equal(
            [("halcyon-ai/sparse-mixer", "repo"), ("halcyon-ai/sparse-mixer@v1.1.0", "release"), ("halcyon-ai/sparse-mixer@v1.2.0", "release"),
             ("quietml/evalkit", "repo"), ("tinylab/tokenwise", "repo")],
            stored.Select(r => (r.Id, r.Type)));
        Assert.All(stored, r => Assert.Equal("live", r.Origin));
        // Two repositories a page: the third came from the page the first one's Link header named.
        Assert.Contains(stack.GitHub.Requests, r => r.Path == "/search/repositories" && r.Query.GetValueOrDefault("page") == "2");

        using var response = await api.SendAsync(ApiTestHelpers.Request(HttpMethod.Get, "/api/v1/pipelines", key));
        var github = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sources").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "github");
        Assert.Equal(("live", stack.GitHub.BaseUrl.ToString()), (github.GetProperty("mode").GetString(), github.GetProperty("endpoint").GetString()));
        Assert.True(github.GetProperty("lastRun").GetProperty("succeeded").GetBoolean());
    }
}
