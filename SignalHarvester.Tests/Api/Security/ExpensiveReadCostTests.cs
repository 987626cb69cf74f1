using System.Diagnostics;
using System.Net;

namespace SignalHarvester.Tests.Api.Security;

/// <summary>
/// Reads that scan whole tables take more of the caller's rate-limit tokens than a plain read. The
/// fixture's metered key refills one token a second, so the drop in <c>X-RateLimit-Remaining</c> across a
/// request is its cost, less at most the seconds it took (plus one for rounding).
/// </summary>
[Collection(PopulatedCollection.Name)]
public sealed class ExpensiveReadCostTests(PopulatedStackFixture stack)
{
    [Theory]
    [InlineData("/api/v1/signals/stats", 1)]
    [InlineData("/api/v1/entities/candidates", 10)]
    [InlineData("/api/v1/labels/export", 10)]
    [InlineData("/api/v1/analytics/sources", 5)]
    public async Task A_request_takes_its_routes_cost_from_the_callers_bucket(string path, int cost)
    {
        using var api = stack.CreateApiClient();
        var before = await RemainingAsync(api, "/api/v1/signals/stats");
        var watch = Stopwatch.StartNew();
        var after = await RemainingAsync(api, path);
        var refill = (int)Math.Ceiling(watch.Elapsed.TotalSeconds * PopulatedStackFixture.MeteredPerMinute / 60.0) + 1;

        var taken = before - after;
        Assert.True(taken <= cost && taken >= cost - refill, $"GET {path} took {taken} tokens (expected {cost}, refill allowance {refill})");
    }

    private static async Task<int> RemainingAsync(HttpClient api, string path)
    {
        using var response = await api.SendAsync(ApiTestHelpers.Request(HttpMethod.Get, path, PopulatedStackFixture.MeteredKey));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single());
    }
}
