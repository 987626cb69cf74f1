using System.Net;
using System.Text.Json;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>The public contract on the shared stack: OpenAPI, ProblemDetails, headers, compression.</summary>
[Collection(StackCollection.Name)]
public sealed class ApiContractTests(StackFixture stack)
{
    // Every route the API maps under /api/v1, as the OpenAPI document must name it.
    private static readonly (string Path, string Method, string Sample)[] Routes =
    [
        ("/api/v1/signals", "get", "/api/v1/signals"),
        ("/api/v1/signals/top", "get", "/api/v1/signals/top"),
        ("/api/v1/signals/stats", "get", "/api/v1/signals/stats"),
        ("/api/v1/signals/{id}", "get", "/api/v1/signals/1"),
        ("/api/v1/discoveries", "get", "/api/v1/discoveries"),
        ("/api/v1/discoveries/{id}", "get", "/api/v1/discoveries/1"),
        ("/api/v1/pipelines/signals", "post", "/api/v1/pipelines/signals"),
        ("/api/v1/pipelines/discovery", "post", "/api/v1/pipelines/discovery"),
        ("/api/v1/pipelines/runs/{jobId}", "get", "/api/v1/pipelines/runs/999999999"),
    ];

    [Fact]
    public async Task OpenApi_document_lists_every_route_with_responses_and_the_api_key_scheme()
    {
        using var client = stack.CreateApiClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var paths = root.GetProperty("paths");
        var documented = paths.EnumerateObject().Select(p => Normalize(p.Name)).ToHashSet();

        foreach (var (path, method, _) in Routes)
        {
            Assert.Contains(path, documented);
            var operation = paths.EnumerateObject().Single(p => Normalize(p.Name) == path).Value.GetProperty(method);
            Assert.True(operation.GetProperty("responses").EnumerateObject().Any(), $"{method} {path} documents no responses");
            Assert.True(operation.GetProperty("responses").TryGetProperty("429", out _), $"{method} {path} does not document 429");
            var isProtected = path.StartsWith("/api/v1/pipelines", StringComparison.Ordinal);
            Assert.Equal(isProtected, operation.TryGetProperty("security", out _));
        }

        // Nothing documented that the API does not map (a route added later must be added above too).
        Assert.Equal(Routes.Select(r => r.Path).Order(), documented.Where(p => p.StartsWith("/api/v1", StringComparison.Ordinal)).Order());
        Assert.Contains("{id}", paths.EnumerateObject().Single(p => Normalize(p.Name) == "/api/v1/signals/{id}").Name);
        Assert.True(paths.GetProperty(paths.EnumerateObject().Single(p => Normalize(p.Name) == "/api/v1/signals").Name)
            .GetProperty("get").GetProperty("parameters").GetArrayLength() >= 7);

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-API-Key", scheme.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Every_documented_route_is_answered_by_its_handler()
    {
        using var client = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();
        foreach (var (path, method, sample) in Routes.Where(r => r.Method == "get"))
        {
            using var response = await client.SendAsync(Request(HttpMethod.Get, sample, key));
            var body = await response.Content.ReadAsStringAsync();
            // A route's own "not found" names the resource; the router's 404 is the generic one.
            Assert.True(response.StatusCode != HttpStatusCode.NotFound || !body.Contains("\"Not Found\"", StringComparison.Ordinal),
                $"GET {sample} ({path}) was not routed: {body}");
            Assert.True((int)response.StatusCode < 500, $"GET {sample}: {(int)response.StatusCode} {body}");
        }
    }

    [Fact]
    public async Task Errors_are_problem_details_with_rate_limit_and_security_headers()
    {
        using var client = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();

        using var unknownRoute = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/no-such-resource", key));
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
        await ProblemAsync(unknownRoute);
        AssertRateLimitHeaders(unknownRoute);
        AssertSecurityHeaders(unknownRoute);

        using var wrongMethod = await client.SendAsync(Request(HttpMethod.Delete, "/api/v1/signals/stats", key));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        await ProblemAsync(wrongMethod);
        AssertRateLimitHeaders(wrongMethod);

        using var invalid = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals?pageSize=0", key));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await ProblemAsync(invalid);
        AssertRateLimitHeaders(invalid);

        using var missing = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals/no-such-signal", key));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Signal not found", (await ProblemAsync(missing)).GetProperty("title").GetString());
        AssertRateLimitHeaders(missing);
    }

    [Fact]
    public async Task Success_responses_carry_rate_limit_headers_of_the_callers_tier()
    {
        using var client = stack.CreateApiClient();
        using var anonymous = await client.GetAsync("/api/v1/signals/stats");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        AssertRateLimitHeaders(anonymous, expectedLimit: 100);
        AssertSecurityHeaders(anonymous);

        using var withKey = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals/stats", await stack.App.ApiKeyAsync()));
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        AssertRateLimitHeaders(withKey, expectedLimit: 1000);
        Assert.True(int.Parse(Header(withKey, "X-RateLimit-Remaining")!) < 1000, "the request did not take a token");
    }

    [Fact]
    public async Task Health_and_metrics_are_neither_limited_nor_given_rate_limit_headers()
    {
        using var client = stack.CreateApiClient();
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics/prometheus" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(Header(response, "X-RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task Responses_are_compressed_and_scalar_ui_is_served()
    {
        using var client = stack.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var compressed = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Contains("br", compressed.Content.Headers.ContentEncoding);

        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        gzipRequest.Headers.AcceptEncoding.ParseAdd("gzip");
        using var gzip = await client.SendAsync(gzipRequest);
        Assert.Contains("gzip", gzip.Content.Headers.ContentEncoding);

        using var scalar = await client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Equal("text/html", scalar.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self' 'unsafe-inline'", Header(scalar, "Content-Security-Policy"));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.StartsWith("default-src 'none'", Header(response, "Content-Security-Policy"));
    }

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
