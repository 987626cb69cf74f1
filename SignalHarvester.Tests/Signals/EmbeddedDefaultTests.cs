using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Signals;

/// <summary>The stack as `dotnet run` starts it, with no credentials: the worker harvests the bundled sample.</summary>
[Collection(StackCollection.Name)]
public sealed class EmbeddedDefaultTests(StackFixture stack)
{
    [Fact]
    public async Task Without_credentials_the_worker_scores_the_embedded_sample_and_the_api_lists_it()
    {
        using var api = stack.CreateApiClient();
        var stats = await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>("/api/v1/signals/stats"),
            s => s.GetProperty("total").GetInt32() >= 250 && s.GetProperty("byStatus").GetProperty("active").GetInt32() >= 250,
            TimeSpan.FromSeconds(90),
            "the embedded sample harvested, classified and scored");
        Assert.True(stats.GetProperty("byCategory").EnumerateObject().Count() >= 4, stats.ToString());

        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/signals?pageSize=5&sort=salience&order=desc&status=active");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        var saliences = items.Select(i => i.GetProperty("salience").GetDouble()).ToList();
        Assert.Equal(saliences.OrderDescending(), saliences);

        var outages = await api.GetFromJsonAsync<JsonElement>("/api/v1/signals?source=outages&pageSize=200");
        Assert.NotEmpty(outages.GetProperty("items").EnumerateArray());
        Assert.All(outages.GetProperty("items").EnumerateArray(),
            i => Assert.Contains("outages", i.GetProperty("matchedQueries").EnumerateArray().Select(q => q.GetString())));
    }

    [Theory]
    [InlineData("/api/v1/signals?pageSize=500", "pageSize")]
    [InlineData("/api/v1/signals?status=sleeping", "status")]
    [InlineData("/api/v1/signals?sort=random", "sort")]
    [InlineData("/api/v1/signals/top?hours=500", "hours")]
    [InlineData("/api/v1/signals/top?limit=0", "limit")]
    public async Task Bad_query_parameters_get_a_problem_naming_the_field(string url, string field)
    {
        using var api = stack.CreateApiClient();
        using var response = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
