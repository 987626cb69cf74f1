using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SignalHarvester.Tests.Api.Signals;
using SignalHarvester.Tests.Infrastructure;
using Xunit.Abstractions;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// R3: PostgreSQL stopped under a bounded load of reads and writes, then started again. While it is down every
/// request is a fast 503 ProblemDetails with Retry-After, liveness stays up and readiness answers quickly with
/// <c>database</c> unhealthy; once it is back, reads and writes succeed without restarting anything.
/// </summary>
[Collection(DatabaseOutageCollection.Name)]
public sealed class DatabaseOutageTests(DatabaseOutageStackFixture stack, ITestOutputHelper output)
{
    // The issue's bounds, measured per request (not per test): a request within 2 s, a readiness probe within 1 s,
    // recovery within 10 s of PostgreSQL answering again.
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeBound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);
    private const int Rounds = 5;

    [Fact]
    public async Task With_postgres_down_requests_are_fast_503s_with_retry_after_and_once_it_returns_reads_and_writes_succeed()
    {
        // A client deadline far beyond the bounds, so a hang is measured (and reported) instead of cut short.
        using var client = stack.CreateApiClient();
        client.Timeout = TimeSpan.FromSeconds(90);
        using (var before = await client.SendAsync(Create()))
        {
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }

        TimeSpan returned;
        try
        {
            await PostgresOutage.StopAsync(stack);

            // A bounded load: rounds of reads and writes in parallel, every one timed on its own.
            var answers = new ConcurrentBag<(string Request, HttpStatusCode Status, TimeSpan Took, string? RetryAfter, string? MediaType)>();
            for (var round = 0; round < Rounds && answers.All(a => a.Status == HttpStatusCode.ServiceUnavailable && a.Took < RequestBound); round++)
            {
                await Task.WhenAll(OutageRequests(round).Select(async request =>
                {
                    var name = $"{request.Method} {request.RequestUri}";
                    var clock = Stopwatch.StartNew();
                    try
                    {
                        using var response = await client.SendAsync(request);
                        answers.Add((name, response.StatusCode, clock.Elapsed, Header(response, "Retry-After"), response.Content.Headers.ContentType?.MediaType));
                    }
                    catch (TaskCanceledException)
                    {
                        // A hang: no answer within the client's deadline (status 0 in the report).
                        answers.Add((name, 0, clock.Elapsed, null, null));
                    }
                }));
            }

            var slowest = answers.MaxBy(a => a.Took);
            output.WriteLine($"{answers.Count} requests while PostgreSQL was down; slowest {slowest.Took.TotalMilliseconds:F0} ms ({slowest.Request}), "
                + $"statuses {string.Join(", ", answers.GroupBy(a => (int)a.Status).Select(g => $"{g.Key}×{g.Count()}"))}");
            Assert.All(answers, a =>
            {
                Assert.True(a.Status == HttpStatusCode.ServiceUnavailable, $"{a.Request}: {(int)a.Status} after {a.Took.TotalMilliseconds:F0} ms");
                Assert.True(a.Took < RequestBound, $"{a.Request}: answered after {a.Took.TotalMilliseconds:F0} ms");
                Assert.Equal("application/problem+json", a.MediaType);
                Assert.True(int.TryParse(a.RetryAfter, out var seconds) && seconds > 0, $"{a.Request}: Retry-After '{a.RetryAfter}'");
            });

            using (var problemResponse = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals/stats", DatabaseOutageStackFixture.ApiKey)))
            {
                var problem = await ProblemAsync(problemResponse);
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
            }

            var live = Stopwatch.StartNew();
            using (var liveResponse = await client.GetAsync("/health/live"))
            {
                Assert.Equal(HttpStatusCode.OK, liveResponse.StatusCode);
            }

            output.WriteLine($"/health/live: {live.Elapsed.TotalMilliseconds:F0} ms");

            // Several probes in a row and at once: none may queue behind the dead database.
            var probes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ReadyAsync(client)));
            probes = [.. probes, await ReadyAsync(client)];
            output.WriteLine($"/health/ready: slowest {probes.Max(p => p.Took).TotalMilliseconds:F0} ms");
            Assert.All(probes, p =>
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, p.Status);
                Assert.Equal("unhealthy", p.Database);
                Assert.True(p.Took < ProbeBound, $"/health/ready answered after {p.Took.TotalMilliseconds:F0} ms");
            });
        }
        finally
        {
            await PostgresOutage.StartAsync(stack);
        }

        var recovery = Stopwatch.StartNew();
        await Eventually.ReturnsAsync(
            async () =>
            {
                using var read = await client.SendAsync(Request(HttpMethod.Get, $"/api/v1/signals?search=recovered{Guid.NewGuid():N}", DatabaseOutageStackFixture.ApiKey));
                using var write = await client.SendAsync(Create());
                return (Read: read.StatusCode, Write: write.StatusCode);
            },
            r => r is { Read: HttpStatusCode.OK, Write: HttpStatusCode.Created },
            RecoveryBound,
            "a read and a write succeeding after PostgreSQL returned");
        returned = recovery.Elapsed;
        output.WriteLine($"reads and writes succeeded {returned.TotalMilliseconds:F0} ms after PostgreSQL was healthy again");
        var ready = await Eventually.ReturnsAsync(() => ReadyAsync(client), p => p.Database == "healthy", RecoveryBound, "/health/ready reporting the database healthy");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
    }

    /// <summary>One round of the load: uncached reads (a fresh search each) and a write, as an operator's clients would send.</summary>
    private static IEnumerable<HttpRequestMessage> OutageRequests(int round) =>
    [
        Request(HttpMethod.Get, $"/api/v1/signals?search=outage{round}{Guid.NewGuid():N}", DatabaseOutageStackFixture.ApiKey),
        Request(HttpMethod.Get, $"/api/v1/signals/top?limit={10 + round}", DatabaseOutageStackFixture.ApiKey),
        Request(HttpMethod.Get, $"/api/v1/discoveries?limit={10 + round}", DatabaseOutageStackFixture.ApiKey),
        Request(HttpMethod.Get, $"/api/v1/signals/{TestSignalRows.NewId()}", DatabaseOutageStackFixture.ApiKey),
        Create(),
    ];

    private static HttpRequestMessage Create()
    {
        var request = Request(HttpMethod.Post, "/api/v1/signals", DatabaseOutageStackFixture.ApiKey);
        request.Content = JsonContent.Create(new { id = TestSignalRows.NewId(), text = "written around a database outage" });
        return request;
    }

    private static async Task<(HttpStatusCode Status, string? Database, TimeSpan Took)> ReadyAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/health/ready");
        var took = clock.Elapsed;
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var database = body.RootElement.GetProperty("components").EnumerateArray()
            .FirstOrDefault(c => c.GetProperty("name").GetString() == "database");
        return (response.StatusCode, database.ValueKind == JsonValueKind.Undefined ? null : database.GetProperty("status").GetString(), took);
    }
}
