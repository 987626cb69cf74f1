using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api.BadInput;

/// <summary>
/// Issue 18's reproductions, as curl sent them: errors are ProblemDetails whatever the client accepts, and text
/// PostgreSQL cannot store (NUL, a lone surrogate) is refused with a 400 naming the field, in the query, a JSON
/// body and a CSV body. Every request asks for CSV, as a client downloading an export does.
/// </summary>
[Collection(ApiOnlyCollection.Name)]
public sealed class ProblemDetailsForEveryClientTests(ApiOnlyStackFixture stack)
{
    private const string Csv = "text/csv";

    [Theory]
    [InlineData("text/csv", "GET", "/api/v1/cache/stats", "none", HttpStatusCode.Unauthorized)]
    [InlineData("application/xml", "GET", "/api/v1/cache/stats", "none", HttpStatusCode.Unauthorized)]
    [InlineData("text/event-stream", "GET", "/api/v1/cache/stats", "none", HttpStatusCode.Unauthorized)]
    [InlineData("text/csv", "GET", "/api/v1/pipelines/runs/1", "wrong", HttpStatusCode.Unauthorized)]
    [InlineData("text/csv", "POST", "/api/v1/signals/bulk/delete", "none", HttpStatusCode.Unauthorized)]
    [InlineData("application/xml", "POST", "/api/v1/experiments/1/run", "wrong", HttpStatusCode.Unauthorized)]
    [InlineData("text/csv", "GET", "/api/v1/topics/abc", "none", HttpStatusCode.NotFound)]
    [InlineData("text/csv", "DELETE", "/api/v1/signals/stats", "good", HttpStatusCode.MethodNotAllowed)]
    public async Task An_error_is_problem_json_whatever_the_client_accepts(string accept, string method, string path, string key, HttpStatusCode expected)
    {
        using var client = stack.CreateApiClient();
        using var request = Request(new HttpMethod(method), path, key switch { "good" => ApiOnlyStackFixture.ApiKey, "wrong" => "wrong-key", _ => null });
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task Refused_bodies_and_unbindable_values_are_problem_json_for_a_csv_client()
    {
        using var client = stack.CreateApiClient();
        using var unsupported = await SendAsync(client, HttpMethod.Post, "/api/v1/signals", "text/plain", "x");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        await ProblemAsync(unsupported);

        using var tooLarge = await SendAsync(client, HttpMethod.Post, "/api/v1/signals", "application/json", new string(' ', 1_100_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        await ProblemAsync(tooLarge);

        using var unbindable = await SendAsync(client, HttpMethod.Get, "/api/v1/snapshots?page=x");
        await AssertNamesFieldAsync(unbindable, "page");
    }

    [Theory]
    [InlineData("/api/v1/signals?search=%00", "search")]
    [InlineData("/api/v1/labels/export?annotator=%00", "annotator")]
    [InlineData("/api/v1/entities?search=a%00b&type=person", "search")]
    public async Task A_NUL_in_the_query_is_400_naming_the_parameter(string path, string field)
    {
        using var client = stack.CreateApiClient();
        using var response = await SendAsync(client, HttpMethod.Get, path);
        await AssertNamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("POST", "/api/v1/signals", """{"id":"123456789","text":"a\u0000b"}""", "text")]
    [InlineData("POST", "/api/v1/signals", """{"id":"123456789","text":"a\ud800b"}""", "text")]
    [InlineData("POST", "/api/v1/signals", """{"id":"123456789","text":"t","tags":["ok","\u0000"]}""", "tags[1]")]
    [InlineData("POST", "/api/v1/signals/bulk/delete", """{"filter":{"search":"\u0000"}}""", "filter.search")]
    [InlineData("PUT", "/api/v1/labels/999999999", """{"label":"relevant","annotator":"a\u0000"}""", "annotator")]
    public async Task Unstorable_text_in_a_JSON_body_is_400_naming_the_field_and_nothing_is_stored(string method, string path, string json, string field)
    {
        using var client = stack.CreateApiClient();
        using var response = await SendAsync(client, new HttpMethod(method), path, "application/json", json);
        await AssertNamesFieldAsync(response, field);

        using var stored = await client.GetAsync("/api/v1/signals/123456789");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task A_NUL_in_a_CSV_import_is_400_naming_the_line_and_field()
    {
        using var client = stack.CreateApiClient();
        using var response = await SendAsync(client, HttpMethod.Post, "/api/v1/labels/import", Csv, "artifact_id,label,annotator,notes\n1,relevant,ok,fine\n2,relevant,a\0b,fine\n");
        await AssertNamesFieldAsync(response, "line 3: annotator");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? contentType = null, string? body = null)
    {
        using var request = Request(method, path, ApiOnlyStackFixture.ApiKey);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(Csv));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);
            request.Headers.ExpectContinue = body.Length > 64 * 1024;
        }

        return await client.SendAsync(request);
    }
}
