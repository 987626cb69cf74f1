using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>/api/v1/artifacts/{id}/relationships, /citation-graph and /api/v1/relationships/stats on the populated stack.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class RelationshipsEndpointsTests(PopulatedStackFixture stack)
{
    [Fact]
    public async Task A_paper_shows_who_points_at_it_and_what_it_points_at()
    {
        var paper = await ArtifactIdAsync("arxiv", "2511.14902");
        using var client = stack.CreateApiClient();

        var both = await client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts/{paper}/relationships");
        Assert.Equal(paper, both.GetProperty("artifactId").GetInt64());
        var items = both.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("direction").GetString() == "in" && i.GetProperty("type").GetString() == "discuss"
                                    && i.GetProperty("artifact").GetProperty("source").GetString() == "hackernews");
        Assert.Contains(items, i => i.GetProperty("direction").GetString() == "out" && i.GetProperty("type").GetString() == "reference"
                                    && i.GetProperty("artifact").GetProperty("sourceId").GetString() == "halcyon-ai/sparse-mixer");

        var incoming = await client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts/{paper}/relationships?direction=in&type=implement");
        var implementations = incoming.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(implementations);
        Assert.All(implementations, i =>
        {
            Assert.Equal("in", i.GetProperty("direction").GetString());
            Assert.Equal("implement", i.GetProperty("type").GetString());
            Assert.Equal("github", i.GetProperty("artifact").GetProperty("source").GetString());
        });
    }

    [Fact]
    public async Task The_citation_graph_grows_with_depth_and_holds_only_links_among_its_nodes()
    {
        var paper = await ArtifactIdAsync("arxiv", "2511.14902");
        using var client = stack.CreateApiClient();

        var one = await client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts/{paper}/citation-graph?depth=1");
        var two = await client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts/{paper}/citation-graph?depth=2&includeRelated=true");
        foreach (var graph in new[] { one, two })
        {
            var nodes = graph.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("artifact").GetProperty("id").GetInt64()).ToHashSet();
            Assert.Contains(paper, nodes);
            Assert.All(graph.GetProperty("edges").EnumerateArray(), e =>
            {
                Assert.Contains(e.GetProperty("sourceId").GetInt64(), nodes);
                Assert.Contains(e.GetProperty("targetId").GetInt64(), nodes);
            });
            Assert.False(graph.GetProperty("truncated").GetBoolean());
        }

        Assert.True(one.GetProperty("nodes").GetArrayLength() > 1);
        Assert.DoesNotContain(one.GetProperty("edges").EnumerateArray(), e => e.GetProperty("type").GetString() == "related");
        Assert.All(one.GetProperty("nodes").EnumerateArray(), n => Assert.InRange(n.GetProperty("distance").GetInt32(), 0, 1));
        Assert.True(two.GetProperty("nodes").GetArrayLength() >= one.GetProperty("nodes").GetArrayLength());
        Assert.Contains(two.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("distance").GetInt32() == 2);
    }

    [Fact]
    public async Task Stats_count_relationships_by_type_method_and_source_pair()
    {
        using var client = stack.CreateApiClient();
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/relationships/stats");
        var total = stats.GetProperty("total").GetInt32();
        Assert.True(total > 0);
        Assert.Equal(total, stats.GetProperty("byType").EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.Equal(total, stats.GetProperty("byDetectionMethod").EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.Equal(total, stats.GetProperty("bySourcePair").EnumerateArray().Sum(p => p.GetProperty("count").GetInt32()));
        Assert.True(stats.GetProperty("byType").GetProperty("discuss").GetInt32() > 0);
        Assert.Contains(stats.GetProperty("bySourcePair").EnumerateArray(),
            p => p.GetProperty("fromSource").GetString() == "hackernews" && p.GetProperty("toSource").GetString() == "arxiv");
        Assert.Equal(0.95, stats.GetProperty("averageConfidenceByType").GetProperty("cite").GetDouble());
    }

    [Theory]
    [InlineData("relationships?direction=sideways", "direction")]
    [InlineData("relationships?type=likes", "type")]
    [InlineData("relationships?limit=501", "limit")]
    [InlineData("citation-graph?depth=0", "depth")]
    [InlineData("citation-graph?depth=4", "depth")]
    public async Task Bad_parameters_are_400_naming_the_field(string route, string field)
    {
        var paper = await ArtifactIdAsync("arxiv", "2511.14902");
        using var client = stack.CreateApiClient();
        using var response = await client.GetAsync($"/api/v1/artifacts/{paper}/{route}");
        await AssertNamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("/api/v1/artifacts/999999999/relationships")]
    [InlineData("/api/v1/artifacts/999999999/citation-graph")]
    public async Task A_missing_artifact_is_404_problem_details(string path)
    {
        using var client = stack.CreateApiClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Artifact not found", (await ProblemAsync(response)).GetProperty("title").GetString());
    }

    private async Task<long> ArtifactIdAsync(string source, string sourceId)
    {
        await using var db = await stack.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("select id from artifacts where source = @source and source_id = @id", db);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("id", sourceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
