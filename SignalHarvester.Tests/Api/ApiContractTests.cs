using System.Net;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>The public contract on the shared stack: ProblemDetails, headers, compression (routes: <see cref="OpenApiCoverageTests"/>).</summary>
[Collection(StackCollection.Name)]
public sealed class ApiContractTests(StackFixture stack)
{
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

        // A value the framework cannot bind is refused before the handler, still naming the field.
        using var unbindable = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals?pageSize=many", key));
        Assert.Equal(HttpStatusCode.BadRequest, unbindable.StatusCode);
        Assert.Contains("many", (await ProblemAsync(unbindable)).GetProperty("errors").GetProperty("pageSize")[0].GetString());
        AssertRateLimitHeaders(unbindable);

        using var missing = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals/no-such-signal", key));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Signal not found", (await ProblemAsync(missing)).GetProperty("title").GetString());
        AssertRateLimitHeaders(missing);
    }

    [Fact]
    public async Task Oversized_and_wrongly_typed_bodies_are_413_and_415_problem_details()
    {
        using var client = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();

        using var oversized = Request(HttpMethod.Post, "/api/v1/signals", key);
        oversized.Content = new StringContent($"{{\"id\":\"1\",\"text\":\"{new string('x', 1_100_000)}\"}}", System.Text.Encoding.UTF8, "application/json");
        // As curl does for large bodies: the server refuses before the body is sent, no broken pipe.
        oversized.Headers.ExpectContinue = true;
        using var tooLarge = await client.SendAsync(oversized);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        await ProblemAsync(tooLarge);
        AssertRateLimitHeaders(tooLarge);

        using var plain = Request(HttpMethod.Post, "/api/v1/signals", key);
        plain.Content = new StringContent("id=1&text=hello", System.Text.Encoding.UTF8, "text/plain");
        using var unsupported = await client.SendAsync(plain);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        await ProblemAsync(unsupported);
        AssertRateLimitHeaders(unsupported);
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
    public async Task Health_and_metrics_carry_rate_limit_headers_but_cost_no_token()
    {
        using var client = stack.CreateApiClient();
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics/prometheus" })
        {
            using var first = await client.GetAsync(path);
            using var second = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            AssertRateLimitHeaders(first);
            AssertRateLimitHeaders(second);
            // Tokens only refill between the two probes, never drain.
            Assert.True(
                int.Parse(Header(second, "X-RateLimit-Remaining")!) >= int.Parse(Header(first, "X-RateLimit-Remaining")!),
                $"{path} took a token");
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

}
