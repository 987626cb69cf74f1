using System.Net;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

[Collection(RateLimitCollection.Name)]
public sealed class RateLimitTests(RateLimitStackFixture stack)
{
    [Fact]
    public async Task Anonymous_budget_is_shared_by_both_replicas_then_429_with_retry_after()
    {
        // Separate processes (distinct pids) behind one AppHost endpoint.
        var replicas = await Replicas.WaitForHealthyAsync(stack.App, TimeSpan.FromMinutes(2));
        Assert.Equal(2, replicas.Values.Distinct().Count());

        // The AppHost's endpoint is a TCP proxy: one kept-alive connection stays on one replica. So the
        // requests alternate between the replicas' own addresses: with per-replica buckets the 6th..10th
        // would still pass; with the shared Redis bucket they do not (a 6th may pass if a token refilled
        // meanwhile: one per 12 s at 5/min).
        var direct = replicas.Keys.Select(instance => new HttpClient { BaseAddress = Replicas.DirectAddress(stack.App, instance) }).ToList();
        var passedPerReplica = new int[direct.Count];
        HttpResponseMessage? rejected = null;
        var sinceRejected = new System.Diagnostics.Stopwatch();
        var spending = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 3 * RateLimitStackFixture.AnonymousPerMinute && rejected is null; i++)
        {
            var response = await direct[i % direct.Count].GetAsync("/api/v1/signals/stats");
            AssertRateLimitHeaders(response, RateLimitStackFixture.AnonymousPerMinute);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
                sinceRejected.Start();
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                passedPerReplica[i % direct.Count]++;
                response.Dispose();
            }
        }

        direct.ForEach(c => c.Dispose());
        Assert.NotNull(rejected);
        Assert.All(passedPerReplica, passed => Assert.True(passed >= 2, $"each replica answered some of the budget: {string.Join(", ", passedPerReplica)}"));
        var passed = passedPerReplica.Sum();
        using var client = stack.CreateApiClient();
        using (rejected)
        {
            // The budget, plus one for a request in flight on the other replica, plus the tokens that refilled while the
            // loop ran (one per 12 s: on a loaded machine the requests themselves can take that long).
            var refilledWhileSpending = (int)(spending.Elapsed.TotalMinutes * RateLimitStackFixture.AnonymousPerMinute);
            Assert.InRange(passed, RateLimitStackFixture.AnonymousPerMinute, RateLimitStackFixture.AnonymousPerMinute + 1 + refilledWhileSpending);
            await ProblemAsync(rejected);
            Assert.Equal("0", Header(rejected, "X-RateLimit-Remaining"));
            var retryAfter = int.Parse(Header(rejected, "Retry-After")!);
            Assert.InRange(retryAfter, 1, 60);
        }

        // Refused as ProblemDetails whatever the client accepts (a CSV client got an empty 500). The bucket is
        // empty; a token may have refilled meanwhile (one per 12 s), so the next few requests hold a 429.
        HttpResponseMessage? csvRejected = null;
        for (var i = 0; i < 3 && csvRejected is null; i++)
        {
            using var csv = Request(HttpMethod.Get, "/api/v1/signals/stats");
            csv.Headers.Accept.ParseAdd("text/csv");
            var response = await client.SendAsync(csv);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                csvRejected = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(csvRejected);
        using (csvRejected)
        {
            await ProblemAsync(csvRejected);
        }

        // A key is its own partition with its own (standard) limit.
        using var withKey = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals/stats", RateLimitStackFixture.ApiKey));
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        AssertRateLimitHeaders(withKey, 1000);

        // Probes are free, so the orchestrator still sees the replicas healthy, with the exhausted bucket in the headers:
        // empty at the rejection, plus at most the tokens refilled since (one per 12 s; a loaded machine takes seconds here).
        using var ready = await client.GetAsync("/health/ready");
        var refilled = (int)(sinceRejected.Elapsed.TotalMinutes * RateLimitStackFixture.AnonymousPerMinute);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.InRange(int.Parse(Header(ready, "X-RateLimit-Remaining")!), 0, refilled);
        Assert.Null(Header(ready, "Retry-After"));
    }
}
