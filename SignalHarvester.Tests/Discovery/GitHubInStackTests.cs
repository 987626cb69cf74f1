using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SignalHarvester.Tests.Api;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Tests.Signals;

namespace SignalHarvester.Tests.Discovery;

/// <summary>GitHub over HTTP in the running stack: the worker's discovery run at start reads the fake GitHub.</summary>
[Collection(SignalsCollection.Name)]
public sealed class GitHubInStackTests(SignalsStackFixture stack)
{
    // Added by the research-classification test, after the run at start.
    private const string ScriptedRepository = "scripted-lab/qec-decoder";

    [Fact]
    public async Task Repositories_from_every_page_and_their_releases_are_stored_as_live_artifacts()
    {
        using var api = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();
        await using var db = await stack.OpenDatabaseAsync();

        var stored = await StartRunStoredAsync(db);

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

    [Fact]
    public async Task A_scripted_research_classification_from_the_llm_is_stored_as_given()
    {
        await using var db = await stack.OpenDatabaseAsync();
        await StartRunStoredAsync(db);
        var repository = new FakeGitHubApi.Repository(ScriptedRepository, 120, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow)
        {
            Topics = ["llm"],
            Description = "A decoder for surface codes",
        };
        var answer = JsonSerializer.Serialize(new
        {
            category = "Open-Source Release",
            urgency = 2,
            tags = new[] { "qec", "decoder" },
            topics = new[] { "quantum/error-correction", "quantum/hardware" },
            entities = new[] { new { name = "Grace Scripted", type = "person", affiliation = "Scripted Lab" } },
            reasoning = "Scripted: an open decoder for surface codes.",
        });
        stack.Llm.Responder = body => body.Contains(ScriptedRepository, StringComparison.Ordinal) ? FakeOpenAiApi.Answer.Content(answer) : null;
        stack.GitHub.Add(repository);
        try
        {
            Assert.Equal("Succeeded", await stack.RunDiscoveryAsync());
        }
        finally
        {
            stack.Llm.Responder = null;
        }

        var stored = await Sql.SingleAsync(db, $"""
            select c.category, c.urgency, c.tags, c.topics, c.reasoning, c.classified_by, c.fallback
            from artifact_classifications c join artifacts a on a.id = c.artifact_id
            where a.source = 'github' and a.source_id = '{ScriptedRepository}'
            """, r => (Category: r.GetString(0), Urgency: r.GetInt32(1), Tags: r.GetFieldValue<string[]>(2), Topics: r.GetFieldValue<string[]>(3),
                Reasoning: r.GetString(4), ClassifiedBy: r.GetString(5), Fallback: r.GetBoolean(6)));
        Assert.Equal(("Open-Source Release", 2, "Scripted: an open decoder for surface codes.", "openai-compatible", false),
            (stored.Category, stored.Urgency, stored.Reasoning, stored.ClassifiedBy, stored.Fallback));
        Assert.Equal(["qec", "decoder"], stored.Tags);
        Assert.Equal(["quantum/error-correction", "quantum/hardware"], stored.Topics);

        // The answer's topics and entity are linked to the artifact, not only kept in the classification row.
        var topics = await Sql.ListAsync(db, $"""
            select t.name from artifact_topics at join topics t on t.id = at.topic_id join artifacts a on a.id = at.artifact_id
            where a.source_id = '{ScriptedRepository}' order by t.name
            """, r => r.GetString(0));
        Assert.Equal(["quantum/error-correction", "quantum/hardware"], topics);
        var entities = await Sql.ListAsync(db, $"""
            select e.name from artifact_entities ae join entities e on e.id = ae.entity_id join artifacts a on a.id = ae.artifact_id
            where a.source_id = '{ScriptedRepository}'
            """, r => r.GetString(0));
        Assert.Contains("Grace Scripted", entities);
    }

    // The discovery run at start stored GitHub's three repositories and two releases.
    private static Task<List<(string Id, string Type, string Origin)>> StartRunStoredAsync(NpgsqlConnection db) =>
        Eventually.ReturnsAsync(
            () => Sql.ListAsync(db, $"select source_id, artifact_type, origin from artifacts where source = 'github' and source_id not like '{ScriptedRepository}%' order by source_id",
                r => (Id: r.GetString(0), Type: r.GetString(1), Origin: r.GetString(2))),
            rows => rows.Count == 5,
            TimeSpan.FromSeconds(120),
            "the discovery run at start stored GitHub's repositories and releases");
}
