using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>
/// JSON calls to the API with the fixture's key by default (reads are public, but the keyed rate-limit
/// bucket keeps a long test from meeting the anonymous limit); <c>withKey: false</c> for auth tests.
/// </summary>
internal sealed class KeyedApiClient(HttpClient client, string apiKey) : IDisposable
{
    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, object? json = null, bool withKey = true)
    {
        using var request = Request(method, path, withKey ? apiKey : null);
        // An HttpContent goes as it is (CSV, raw bytes); anything else as JSON.
        request.Content = json switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(json),
        };

        var response = await client.SendAsync(request);
        AssertRateLimitHeaders(response);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    public async Task<JsonElement> OkAsync(string path)
    {
        var (status, body, response) = await SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body}");
        response.Dispose();
        return body;
    }

    /// <summary>A ProblemDetails answer with <paramref name="expected"/> status; returns the problem.</summary>
    public async Task<JsonElement> ProblemAsync(HttpStatusCode expected, HttpMethod method, string path, object? json = null, bool withKey = true)
    {
        var (status, body, response) = await SendAsync(method, path, json, withKey);
        using (response)
        {
            Assert.True(status == expected, $"{method} {path}: expected {(int)expected}, got {(int)status} {body}");
            return await ApiTestHelpers.ProblemAsync(response);
        }
    }

    /// <summary>A 400 ValidationProblem naming <paramref name="fields"/>.</summary>
    public async Task<JsonElement> InvalidAsync(HttpMethod method, string path, object? json, params string[] fields)
    {
        var problem = await ProblemAsync(HttpStatusCode.BadRequest, method, path, json);
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{method} {path}: errors lacks '{field}': {errors}");
        }

        return problem;
    }

    public void Dispose() => client.Dispose();
}
