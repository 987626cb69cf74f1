using System.Net;
using System.Text;
using System.Text.Json;

namespace SignalHarvester.Tests.Api.Security;

/// <summary>
/// Keys carry scopes: the fixture's "writer" key was configured without any (so it gets the default,
/// read and write), the "reader" key with read only, and the AppHost's operator key with every scope.
/// </summary>
[Collection(PopulatedCollection.Name)]
public sealed class ApiKeyScopeTests(PopulatedStackFixture stack)
{
    [Fact]
    public async Task A_key_without_the_admin_scope_is_refused_every_destructive_and_operational_route()
    {
        using var writer = new KeyedApiClient(stack.CreateApiClient(), PopulatedStackFixture.WriterKey);
        using var operatorKey = new KeyedApiClient(stack.CreateApiClient(), stack.ApiKey);
        var entities = (await operatorKey.OkAsync("/api/v1/entities?pageSize=2")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("id").GetInt64()).ToArray();
        var signal = (await operatorKey.OkAsync("/api/v1/signals?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetString()!;

        await AssertNeedsAdminAsync(writer, HttpMethod.Post, "/api/v1/signals/bulk/delete", new { ids = new[] { signal } });
        await AssertNeedsAdminAsync(writer, HttpMethod.Post, "/api/v1/cache/invalidate");
        await AssertNeedsAdminAsync(writer, HttpMethod.Get, "/api/v1/cache/stats");
        await AssertNeedsAdminAsync(writer, HttpMethod.Post, "/api/v1/pipelines/signals");
        await AssertNeedsAdminAsync(writer, HttpMethod.Get, "/api/v1/pipelines");
        await AssertNeedsAdminAsync(writer, HttpMethod.Post, "/api/v1/entities/merge", new { primaryId = entities[0], mergedId = entities[1], reason = "scope test" });
        await AssertNeedsAdminAsync(writer, HttpMethod.Post, "/api/v1/labels/import", csv: "artifact_id,label,annotator,notes\n1,relevant,scope-test,\n");

        // Nothing happened: both entities are still there, and the operator key may read the cache's stats.
        Assert.Equal(HttpStatusCode.OK, (await operatorKey.SendAsync(HttpMethod.Get, $"/api/v1/entities/{entities[1]}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await operatorKey.SendAsync(HttpMethod.Get, "/api/v1/cache/stats")).Status);
    }

    [Fact]
    public async Task A_read_only_key_may_not_change_a_signal_and_a_write_key_may()
    {
        using var reader = new KeyedApiClient(stack.CreateApiClient(), PopulatedStackFixture.ReaderKey);
        using var writer = new KeyedApiClient(stack.CreateApiClient(), PopulatedStackFixture.WriterKey);
        var signal = (await writer.OkAsync("/api/v1/signals?pageSize=1&sort=created_at")).GetProperty("items")[0];
        var id = signal.GetProperty("id").GetString()!;
        var notes = $"scope test {Guid.NewGuid():N}";

        var refused = await reader.ProblemAsync(HttpStatusCode.Forbidden, HttpMethod.Patch, $"/api/v1/signals/{id}", new { notes });
        Assert.Equal("write", refused.GetProperty("requiredScope").GetString());
        Assert.Contains("'write' scope", refused.GetProperty("detail").GetString());
        Assert.NotEqual(notes, (await writer.OkAsync($"/api/v1/signals/{id}")).GetProperty("notes").GetString());

        var (status, body, response) = await writer.SendAsync(HttpMethod.Patch, $"/api/v1/signals/{id}", new { notes });
        response.Dispose();
        Assert.True(status == HttpStatusCode.OK, $"PATCH with the write key: {(int)status} {body}");
        Assert.Equal(notes, (await reader.OkAsync($"/api/v1/signals/{id}")).GetProperty("notes").GetString());
    }

    [Fact]
    public async Task A_key_describes_itself_without_revealing_the_key()
    {
        using var writer = new KeyedApiClient(stack.CreateApiClient(), PopulatedStackFixture.WriterKey);
        using var operatorKey = new KeyedApiClient(stack.CreateApiClient(), stack.ApiKey);

        var described = await writer.OkAsync("/api/v1/keys/current");
        Assert.Equal("writer", described.GetProperty("name").GetString());
        Assert.Equal(["read", "write"], described.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain(PopulatedStackFixture.WriterKey, described.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["read", "write", "admin"], (await operatorKey.OkAsync("/api/v1/keys/current")).GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        await writer.ProblemAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "/api/v1/keys/current", withKey: false);
    }

    private static async Task AssertNeedsAdminAsync(KeyedApiClient client, HttpMethod method, string path, object? json = null, string? csv = null)
    {
        JsonElement problem;
        if (csv is null)
        {
            problem = await client.ProblemAsync(HttpStatusCode.Forbidden, method, path, json);
        }
        else
        {
            var (status, body, response) = await client.SendAsync(method, path, new StringContent(csv, Encoding.UTF8, "text/csv"));
            using (response)
            {
                Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path}: expected 403, got {(int)status} {body}");
                problem = await ApiTestHelpers.ProblemAsync(response);
            }
        }

        Assert.Equal("admin", problem.GetProperty("requiredScope").GetString());
        Assert.Contains("read, write", problem.GetProperty("detail").GetString());
    }
}
