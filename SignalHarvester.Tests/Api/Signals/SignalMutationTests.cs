using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api.Signals;

/// <summary>POST, PATCH and DELETE /api/v1/signals on the populated stack; every test works on signals it created.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class SignalMutationTests(PopulatedStackFixture stack)
{
    [Fact]
    public async Task A_created_signal_is_201_with_its_location_and_listed_under_the_manual_source()
    {
        using var client = stack.CreateApiClient();
        var id = TestSignalRows.NewId();
        using var created = await SendAsync(client, HttpMethod.Post, "/api/v1/signals", new
        {
            id,
            text = "Checkout is down for everyone in EU",
            authorUsername = "ops_watch",
            category = "outage",
            tags = new[] { "checkout" },
            notes = "reported by support",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        AssertRateLimitHeaders(created);
        Assert.Equal($"/api/v1/signals/{id}", created.Headers.Location?.ToString());
        var body = await JsonAsync(created);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("outage", body.GetProperty("category").GetString());
        Assert.Equal("paused", body.GetProperty("status").GetString()); // classified by hand, not scored yet
        Assert.Equal("reported by support", body.GetProperty("notes").GetString());

        using var read = await client.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Checkout is down for everyone in EU", (await JsonAsync(read)).GetProperty("text").GetString());

        using var listed = await client.GetAsync("/api/v1/signals?source=manual&search=" + Uri.EscapeDataString("everyone in EU") + "&pageSize=200");
        Assert.Contains((await JsonAsync(listed)).GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Creating_an_existing_id_is_409_problem_details()
    {
        using var client = stack.CreateApiClient();
        var id = TestSignalRows.NewId();
        using (var first = await SendAsync(client, HttpMethod.Post, "/api/v1/signals", new { id, text = "first" }))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var second = await SendAsync(client, HttpMethod.Post, "/api/v1/signals", new { id, text = "second" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        await ProblemAsync(second);
    }

    [Theory]
    [InlineData("""{"text":"no id"}""", "id")]
    [InlineData("""{"id":"12a","text":"letters in the id"}""", "id")]
    [InlineData("""{"id":"123"}""", "text")]
    [InlineData("""{"id":"123","text":"t","category":"weather"}""", "category")]
    [InlineData("""{"id":"123","text":"t","tags":[""]}""", "tags")]
    public async Task A_bad_create_is_400_naming_the_field(string json, string field)
    {
        using var client = stack.CreateApiClient();
        using var response = await SendRawAsync(client, HttpMethod.Post, "/api/v1/signals", json, stack.ApiKey);
        await AssertNamesFieldAsync(response, field);
    }

    [Fact]
    public async Task An_update_sets_the_review_status_the_list_filter_and_stats_agree_and_none_clears_it()
    {
        using var client = stack.CreateApiClient();
        var id = TestSignalRows.NewId();
        using (var created = await SendAsync(client, HttpMethod.Post, "/api/v1/signals", new { id, text = "to be archived" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var archivedBefore = await StatusCountAsync(client, "archived");
        using var updated = await SendAsync(client, HttpMethod.Patch, $"/api/v1/signals/{id}", new { status = "archived", category = "bug", notes = "seen" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await JsonAsync(updated);
        Assert.Equal("archived", body.GetProperty("status").GetString());
        Assert.Equal("bug", body.GetProperty("category").GetString());
        Assert.Equal("seen", body.GetProperty("notes").GetString());

        using (var archived = await client.GetAsync("/api/v1/signals?status=archived&source=manual&pageSize=200"))
        {
            Assert.Contains((await JsonAsync(archived)).GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        }

        Assert.True(await StatusCountAsync(client, "archived") >= archivedBefore + 1);

        using var cleared = await SendAsync(client, HttpMethod.Patch, $"/api/v1/signals/{id}", new { status = "none", notes = "" });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var clearedBody = await JsonAsync(cleared);
        Assert.Equal("paused", clearedBody.GetProperty("status").GetString()); // derived again: categorised, not scored
        Assert.Equal(JsonValueKind.Null, clearedBody.GetProperty("notes").ValueKind);
    }

    [Fact]
    public async Task Cached_reads_show_an_update_at_once()
    {
        // A scored signal of the populated run, so it is in /top; its notes are put back afterwards.
        using var client = stack.CreateApiClient();
        var top = $"/api/v1/signals/top?limit=1&hours=168&probe={Guid.NewGuid():N}";
        var signal = (await ReadAsync(client, top)).Body.EnumerateArray().Single();
        var id = signal.GetProperty("id").GetString()!;
        var listing = $"/api/v1/signals?pageSize=200&search={Uri.EscapeDataString(signal.GetProperty("author").GetProperty("username").GetString()!)}&probe={Guid.NewGuid():N}";
        foreach (var path in new[] { top, listing })
        {
            await Eventually.ReturnsAsync(() => ReadAsync(client, path), read => read.Cached, TimeSpan.FromSeconds(10), $"{path} served from the cache");
        }

        var notes = $"seen {Guid.NewGuid():N}";
        try
        {
            using (var updated = await SendAsync(client, HttpMethod.Patch, $"/api/v1/signals/{id}", new { notes }))
            {
                Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
            }

            Assert.Equal(notes, (await ReadAsync(client, top)).Body.EnumerateArray().Single().GetProperty("notes").GetString());
            var listed = (await ReadAsync(client, listing)).Body.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
            Assert.Equal(notes, listed.GetProperty("notes").GetString());
        }
        finally
        {
            using var restored = await SendAsync(client, HttpMethod.Patch, $"/api/v1/signals/{id}", new { notes = signal.GetProperty("notes").GetString() ?? "" });
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }
    }

    [Theory]
    [InlineData("""{}""", "body")]
    [InlineData("""{"status":"active"}""", "status")]
    [InlineData("""{"category":"weather"}""", "category")]
    public async Task A_bad_update_is_400_naming_the_field(string json, string field)
    {
        using var client = stack.CreateApiClient();
        using var response = await SendRawAsync(client, HttpMethod.Patch, "/api/v1/signals/1", json, stack.ApiKey);
        await AssertNamesFieldAsync(response, field);
    }

    [Fact]
    public async Task A_deleted_signal_is_204_then_404_and_missing_ones_are_404()
    {
        using var client = stack.CreateApiClient();
        var id = TestSignalRows.NewId();
        using (var created = await SendAsync(client, HttpMethod.Post, "/api/v1/signals", new { id, text = "to be deleted" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var deleted = await client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/signals/{id}", stack.ApiKey)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var again = await client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/signals/{id}", stack.ApiKey)))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            await ProblemAsync(again);
        }

        using var read = await client.GetAsync($"/api/v1/signals/{id}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using var patch = await SendAsync(client, HttpMethod.Patch, $"/api/v1/signals/{id}", new { status = "dismissed" });
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        await ProblemAsync(patch);
    }

    [Theory]
    [InlineData("POST", "/api/v1/signals")]
    [InlineData("PATCH", "/api/v1/signals/1")]
    [InlineData("DELETE", "/api/v1/signals/1")]
    public async Task Mutations_without_a_key_are_401(string method, string path)
    {
        using var client = stack.CreateApiClient();
        using var response = await SendRawAsync(client, new HttpMethod(method), path, """{"id":"1","text":"t","status":"archived"}""", apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ProblemAsync(response);
    }

    [Theory]
    [InlineData("/api/v1/signals/stats")]
    [InlineData("/api/v1/signals/top")]
    public async Task A_literal_route_is_never_taken_for_a_signal_id(string path)
    {
        using var client = stack.CreateApiClient();
        using var response = await client.SendAsync(Request(HttpMethod.Delete, path, stack.ApiKey));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await ProblemAsync(response);
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        var request = Request(method, path, stack.ApiKey);
        request.Content = JsonContent.Create(body);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string path, string json, string? apiKey)
    {
        var request = Request(method, path, apiKey);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return client.SendAsync(request);
    }

    private async Task<(JsonElement Body, bool Cached)> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, path, stack.ApiKey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonAsync(response), response.Headers.Age is not null);
    }

    private static async Task<int> StatusCountAsync(HttpClient client, string status)
    {
        using var stats = await client.GetAsync("/api/v1/signals/stats");
        return (await JsonAsync(stats)).GetProperty("byStatus").GetProperty(status).GetInt32();
    }
}
