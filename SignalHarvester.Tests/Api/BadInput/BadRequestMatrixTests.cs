using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SignalHarvester.Tests.Api.Signals;
using SignalHarvester.Tests.Infrastructure;
using Xunit.Abstractions;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api.BadInput;

/// <summary>
/// Walks the running API's OpenAPI document and sends every operation the <see cref="BadRequestMatrix"/>:
/// no answer may be a 5xx, every 4xx must be ProblemDetails (except the bare 400 with which Kestrel refuses a
/// NUL in the path, before any middleware runs), a NUL must be refused, no mutation may be carried out, and
/// the stored data must be exactly what it was.
/// </summary>
[Collection(ApiOnlyCollection.Name)]
public sealed class BadRequestMatrixTests(ApiOnlyStackFixture stack, ITestOutputHelper output)
{
    private const int Concurrency = 8;

    [Fact]
    public async Task Every_operation_answers_bad_requests_with_problem_details_never_5xx_and_stores_nothing()
    {
        using var client = stack.CreateApiClient();
        var document = await OpenApiDocumentAsync(client);
        var requests = BadRequestMatrix.Build(document, ApiOnlyStackFixture.ApiKey);
        var documented = document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)).Sum(p => p.Value.EnumerateObject().Count());
        Assert.True(documented >= 50, $"the OpenAPI document lists only {documented} operations");
        Assert.Equal(documented, requests.Select(r => r.Operation).Distinct().Count());
        Assert.True(requests.Count >= 10_000, $"only {requests.Count} bad requests");

        // Rows that exist before the bad input, so that a change to an existing row would show, not only new rows.
        await CreateAsync(client, "/api/v1/signals", new { id = TestSignalRows.NewId(), text = "stored before the bad input" });
        await CreateAsync(client, "/api/v1/experiments", new { name = "stored before the bad input", config = new { threshold = 50 } });

        var database = await stack.DatabaseConnectionStringAsync();
        var before = await StoredData.FingerprintAsync(database);
        var failures = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (bad, cancellationToken) =>
        {
            using var message = bad.ToMessage();
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync(cancellationToken);
            if (Verdict(bad, response, body) is { } failure)
            {
                failures.Add($"{bad}: {failure}");
            }
        });
        output.WriteLine($"{requests.Count} requests over {documented} operations in {clock.Elapsed.TotalSeconds:F1} s ({Concurrency} at a time)");

        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} bad requests answered wrongly:\n{string.Join('\n', failures.Order().Take(40))}");
        Assert.Equal(before, await StoredData.FingerprintAsync(database));
    }

    private static async Task CreateAsync(HttpClient client, string path, object body)
    {
        using var request = Request(HttpMethod.Post, path, ApiOnlyStackFixture.ApiKey);
        request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string? Verdict(BadRequest bad, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var answer = $"{status} {response.Content.Headers.ContentType?.MediaType ?? "(no content type)"} {(body.Length > 300 ? body[..300] : body)}";
        if (status >= 500)
        {
            return answer;
        }

        if (bad.NulInPath)
        {
            return status == 400 && body.Length == 0 ? null : $"expected Kestrel's bare 400, got {answer}";
        }

        if (bad.Method != HttpMethod.Get && status < 400)
        {
            return $"a mutation was carried out: {answer}";
        }

        var keyAccepted = bad.ApiKey == ApiOnlyStackFixture.ApiKey;
        if (bad.CarriesNul && status != 400 && !(status == 401 && !keyAccepted))
        {
            return $"a NUL was not refused: {answer}";
        }

        if (status < 400)
        {
            return null;
        }

        return ProblemDetailsDefect(status, response, body) is { } defect ? $"{defect}: {answer}" : null;
    }

    private static string? ProblemDetailsDefect(int status, HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return "not application/problem+json";
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status
                   && problem.RootElement.TryGetProperty("title", out var title) && !string.IsNullOrEmpty(title.GetString())
                ? null
                : "no status and title";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }

    private static async Task<JsonElement> OpenApiDocumentAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
