using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SignalHarvester.Api.Analytics;
using SignalHarvester.Api.Security;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>
/// The OpenAPI document of the running API against the API's own endpoint data source (the API
/// hosted in-process on the stack's PostgreSQL and Redis): every mapped route is documented, with
/// its security (the key scope it needs) and responses, nothing else is, and every documented GET reaches its handler.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class OpenApiCoverageTests(StackFixture stack)
{
    [Fact]
    public async Task OpenApi_document_lists_exactly_the_mapped_routes_with_their_security_and_responses()
    {
        var mapped = await MappedRoutesAsync();
        var documented = await DocumentedOperationsAsync();

        Assert.True(mapped.Count >= 9, $"only {mapped.Count} routes mapped under /api/v1");
        Assert.Equal(mapped.Keys.Select(r => r.ToString()).Order(), documented.Keys.Select(r => r.ToString()).Order());
        foreach (var (route, scope) in mapped)
        {
            var operation = documented[route];
            Assert.True(operation.GetProperty("responses").TryGetProperty("429", out _), $"{route} does not document 429");
            Assert.True(operation.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('2')), $"{route} documents no success");
            Assert.Equal(scope is not null, operation.TryGetProperty("security", out var security));
            if (scope is not null)
            {
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{route} does not document 401");
                Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _), $"{route} does not document 403");
                var documentedScopes = security.EnumerateArray().Single().GetProperty("ApiKey").EnumerateArray().Select(s => s.GetString()).ToArray();
                Assert.True(documentedScopes.SequenceEqual([scope]), $"{route} documents scopes [{string.Join(", ", documentedScopes)}], needs {scope}");
            }

            // Every mutation needs a key; reads are public unless the route is an admin one.
            Assert.True(route.Method == "get" || scope is not null, $"{route} is a mutation without X-API-Key");
            foreach (var name in Regex.Matches(route.Path, "{([^}]+)}").Select(m => m.Groups[1].Value))
            {
                Assert.True(operation.GetProperty("parameters").EnumerateArray().Any(p => p.GetProperty("name").GetString() == name && p.GetProperty("in").GetString() == "path"),
                    $"{route} does not document path parameter {name}");
            }
        }
    }

    [Fact]
    public async Task Every_documented_read_is_answered_by_its_own_handler()
    {
        using var client = stack.CreateApiClient();
        var key = await stack.App.ApiKeyAsync();
        foreach (var route in (await DocumentedOperationsAsync()).Keys.Where(r => r.Method == "get"))
        {
            var sample = PathParameter().Replace(route.Path, "999999999");
            using var response = await client.SendAsync(Request(HttpMethod.Get, sample, key), HttpCompletionOption.ResponseHeadersRead);
            var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
            // A route's own "not found" names the resource; the router's 404 is the generic one.
            Assert.True(response.StatusCode != HttpStatusCode.NotFound || !body.Contains("\"Not Found\"", StringComparison.Ordinal),
                $"GET {sample} ({route.Path}) was not routed: {body}");
            Assert.True((int)response.StatusCode < 500, $"GET {sample}: {(int)response.StatusCode} {body}");
            AssertRateLimitHeaders(response);
        }
    }

    private async Task<Dictionary<Route, string?>> MappedRoutesAsync()
    {
        await using var api = await InProcessApi.CreateAsync(stack);
        return api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (
                Route: new Route(Normalize(Constraint().Replace(e.RoutePattern.RawText!, "}")), method.ToLowerInvariant()),
                Scope: RequiredScopeOf(e))))
            .ToDictionary(r => r.Route, r => r.Scope);
    }

    // A route that needs authorization must say which scope, so the 403 and the document can name it.
    private static string? RequiredScopeOf(RouteEndpoint endpoint)
    {
        var scope = endpoint.Metadata.GetMetadata<RequiredScope>()?.Scope;
        Assert.True(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() == scope is not null,
            $"{endpoint.RoutePattern.RawText} needs authorization without a scope (or the reverse)");
        return scope;
    }

    private async Task<Dictionary<Route, JsonElement>> DocumentedOperationsAsync()
    {
        using var client = stack.CreateApiClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement.Clone();
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-API-Key", scheme.GetProperty("name").GetString());
        return root.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Route: new Route(Normalize(p.Name), o.Name), Operation: o.Value)))
            .ToDictionary(o => o.Route, o => o.Operation);
    }

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private sealed record Route(string Path, string Method)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
    }

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex Constraint();

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex PathParameter();
}
