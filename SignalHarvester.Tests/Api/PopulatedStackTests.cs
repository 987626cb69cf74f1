using System.Net;
using System.Text.Json;

namespace SignalHarvester.Tests.Api;

/// <summary>The populated stack really holds what the resource tests read.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class PopulatedStackTests(PopulatedStackFixture stack)
{
    [Fact]
    public async Task Both_pipelines_filled_the_stack_from_the_embedded_defaults()
    {
        using var client = stack.CreateApiClient();
        using var signals = await client.GetAsync("/api/v1/signals?pageSize=1");
        Assert.Equal(HttpStatusCode.OK, signals.StatusCode);
        using var signalsBody = JsonDocument.Parse(await signals.Content.ReadAsStringAsync());
        Assert.True(signalsBody.RootElement.GetProperty("total").GetInt32() > 100);

        using var discoveries = await client.GetAsync("/api/v1/discoveries?minScore=0&limit=200");
        Assert.Equal(HttpStatusCode.OK, discoveries.StatusCode);
        using var discoveriesBody = JsonDocument.Parse(await discoveries.Content.ReadAsStringAsync());
        var sources = discoveriesBody.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("source").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "arxiv", "github", "hackernews" }, sources);
    }
}
