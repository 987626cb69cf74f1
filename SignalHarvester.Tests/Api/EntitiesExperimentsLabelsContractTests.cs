using System.Text.Json;

namespace SignalHarvester.Tests.Api;

/// <summary>The OpenAPI document describes the entities, experiments and labels routes: parameters, responses and which need a key.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class EntitiesExperimentsLabelsContractTests(PopulatedStackFixture stack)
{
    public static TheoryData<string, string, bool, string[], string[]> Operations => new()
    {
        { "/api/v1/entities", "get", false, ["type", "search", "page", "pageSize", "includeMerged"], ["200", "400"] },
        { "/api/v1/entities/search", "get", false, ["q", "type", "limit", "includeMerged"], ["200", "400"] },
        { "/api/v1/entities/stats", "get", false, [], ["200"] },
        { "/api/v1/entities/candidates", "get", false, ["type", "minSimilarity", "limit"], ["200", "400"] },
        { "/api/v1/entities/{id}", "get", false, ["id"], ["200", "404"] },
        { "/api/v1/entities/{id}/history", "get", false, ["id"], ["200", "404"] },
        { "/api/v1/entities/{id}/artifacts", "get", false, ["id", "page", "pageSize"], ["200", "400", "404"] },
        { "/api/v1/entities/merge", "post", true, [], ["200", "400", "401", "404", "409"] },
        { "/api/v1/entities/decisions", "post", true, [], ["201", "400", "401", "404", "409"] },
        { "/api/v1/experiments", "post", true, [], ["201", "400", "401", "409"] },
        { "/api/v1/experiments", "get", false, ["page", "pageSize"], ["200", "400"] },
        { "/api/v1/experiments/compare", "get", false, ["a", "b"], ["200", "400", "404", "409"] },
        { "/api/v1/experiments/{id}", "get", false, ["id"], ["200", "404"] },
        { "/api/v1/experiments/{id}/runs", "get", false, ["id"], ["200", "404"] },
        { "/api/v1/experiments/{id}/run", "post", true, ["id", "annotator"], ["201", "400", "401", "404", "422"] },
        { "/api/v1/labels", "get", false, ["label", "annotator", "page", "pageSize"], ["200", "400"] },
        { "/api/v1/labels/{artifactId}", "get", false, ["artifactId"], ["200", "404"] },
        { "/api/v1/labels/{artifactId}", "put", true, ["artifactId"], ["200", "201", "400", "401", "404"] },
        { "/api/v1/labels/import", "post", true, [], ["200", "400", "401", "413", "415"] },
        { "/api/v1/labels/export", "get", false, ["label", "annotator"], ["200", "400"] },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task The_operation_is_documented_with_its_parameters_responses_and_key(
        string path, string method, bool needsKey, string[] parameters, string[] responses)
    {
        using var client = stack.CreateApiClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var route = paths.EnumerateObject().Single(p => System.Text.RegularExpressions.Regex.Replace(p.Name, ":[a-z]+}", "}") == path).Value;
        var operation = route.GetProperty(method);

        var documentedParameters = operation.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet()
            : [];
        Assert.Superset(parameters.ToHashSet<string?>(), documentedParameters);
        var documentedResponses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        Assert.Superset(responses.ToHashSet(), documentedResponses);
        Assert.Equal(needsKey, operation.TryGetProperty("security", out _));
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()));
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
    }
}
