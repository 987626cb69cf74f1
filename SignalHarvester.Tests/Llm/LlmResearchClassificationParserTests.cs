using System.Text.Json;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Tests.Llm;

public class LlmResearchClassificationParserTests
{
    private static string Json(
        object? category = null, object? urgency = null, object? tags = null, object? topics = null, object? entities = null, object? reasoning = null) =>
        JsonSerializer.Serialize(new
        {
            category = category ?? "Preprint",
            urgency = urgency ?? 1,
            tags = tags ?? new[] { "rl" },
            topics = topics ?? new[] { "ai/ml/rl" },
            entities = entities ?? Array.Empty<object>(),
            reasoning = reasoning ?? "A new offline RL method.",
        });

    private static ResearchClassification Parses(string answer)
    {
        Assert.True(LlmResearchClassificationParser.TryParse(answer, "openai", out var classification, out var error), error);
        return classification;
    }

    private static string Rejects(string answer)
    {
        Assert.False(LlmResearchClassificationParser.TryParse(answer, "openai", out _, out var error));
        return error;
    }

    [Fact]
    public void A_fenced_answer_with_lenient_spelling_is_read()
    {
        var result = Parses($"```json\n{Json(category: "funding/grant", tags: new[] { "#Funding", "funding" }, topics: new[] { " /AI/ML/RL/ " })}\n```");

        Assert.Equal(ResearchCategories.FundingGrant, result.Category);
        Assert.Equal(["funding"], result.Tags);
        Assert.Equal(["ai/ml/rl"], result.Topics);
        Assert.Equal("openai", result.ClassifiedBy);
    }

    [Fact]
    public void Unknown_topics_are_dropped_when_a_valid_one_remains()
    {
        Assert.Equal(["ai/ml/rl"], Parses(Json(topics: new[] { "ai/ml/made-up", "ai/ml/rl" })).Topics);
    }

    [Theory]
    [InlineData("Blog Post", "category")]
    [InlineData("Preprints", "category")]
    public void Categories_outside_the_seven_are_rejected(string category, string expected)
    {
        Assert.Contains(expected, Rejects(Json(category: category)));
    }

    [Fact]
    public void Out_of_contract_answers_are_rejected()
    {
        Assert.Contains("urgency 4", Rejects(Json(urgency: 4)));
        Assert.Contains("urgency", Rejects(Json(urgency: "high")));
        Assert.Contains("9 tags", Rejects(Json(tags: Enumerable.Range(1, 9).Select(i => $"t{i}").ToArray())));
        Assert.Contains("no topic", Rejects(Json(topics: new[] { "quantum/teleportation" })));
        Assert.Contains("no topic", Rejects(Json(topics: Array.Empty<string>())));
        Assert.Contains("4 topics", Rejects(Json(topics: new[] { "ai", "quantum", "security", "systems" })));
        Assert.Contains("entity type 'company'", Rejects(Json(entities: new[] { new { name = "Acme", type = "company" } })));
        Assert.Contains("reasoning has 401", Rejects(Json(reasoning: new string('x', 401))));
        Assert.Contains("no JSON object", Rejects("I cannot help with that."));
        Assert.Contains("'topics' is missing", Rejects("""{"category":"Other","urgency":0,"reasoning":"r"}"""));
    }

    [Fact]
    public void Entities_are_optional_and_typed()
    {
        var result = Parses(Json(entities: new object[]
        {
            new { name = " Ada Lovelace ", type = "Person", affiliation = "Analytical Engines Ltd" },
            new { name = "DeepMind", type = "lab", affiliation = (string?)null },
        }));

        Assert.Equal(
            [new EntityMention("Ada Lovelace", "person", "Analytical Engines Ltd"), new EntityMention("DeepMind", "lab", null)],
            result.Entities);
        Assert.Empty(Parses("""{"category":"Other","urgency":0,"topics":["other"],"reasoning":"r"}""").Entities);
    }
}
