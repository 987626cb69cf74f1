using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using SignalHarvester.Data.Caching;
using SignalHarvester.Domain;

namespace SignalHarvester.Tests.Api;

internal static class ApiTestHelpers
{
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>The AppHost's generated (or overridden) <c>api-key</c> parameter, as the api received it.</summary>
    public static async Task<string> ApiKeyAsync(this DistributedApplication app)
    {
        var parameter = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>().Single(p => p.Name == "api-key");
        return await parameter.GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException("api-key has no value");
    }

    /// <summary>
    /// What an operator does after changing signals with SQL: evicts the API's cached signal responses, so the next
    /// read shows the change instead of a response cached before it.
    /// </summary>
    public static async Task InvalidateSignalsAsync(this DistributedApplication app)
    {
        using var client = app.CreateHttpClient(ResourceNames.Api, "http");
        using var response = await client.SendAsync(
            Request(HttpMethod.Post, $"/api/v1/cache/invalidate?tag={ResponseCacheTags.Signals}", await app.ApiKeyAsync()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? apiKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Add(ApiKeyHeader, apiKey);
        }

        return request;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement.Clone();
        Assert.Equal((int)response.StatusCode, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        return root;
    }

    /// <summary>A 400 ValidationProblem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{response.RequestMessage?.RequestUri}: errors do not name {field}: {problem}");
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : null;

    public static void AssertRateLimitHeaders(HttpResponseMessage response, int? expectedLimit = null)
    {
        var limit = Header(response, "X-RateLimit-Limit");
        var remaining = Header(response, "X-RateLimit-Remaining");
        var reset = Header(response, "X-RateLimit-Reset");
        Assert.True(limit is not null && remaining is not null && reset is not null,
            $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} lacks rate-limit headers");
        Assert.True(int.Parse(limit!) > 0);
        if (expectedLimit is not null)
        {
            Assert.Equal(expectedLimit.Value, int.Parse(limit!));
        }

        Assert.InRange(int.Parse(remaining!), 0, int.Parse(limit!));
        // The end of the window the request counted in, as Unix seconds: a loaded machine may deliver the answer
        // after that window ended, so the lower bound allows two windows (a minute each) of delay, not a few seconds.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(long.Parse(reset!), now - 120, now + 3600);
    }

    public static MediaTypeWithQualityHeaderValue Json { get; } = new("application/json");
}
