using System.Net;
using System.Text;
using Npgsql;
using static SignalHarvester.Tests.Api.Sql;

namespace SignalHarvester.Tests.Api;

/// <summary>/api/v1/labels on the populated stack: each test labels artifacts under an annotator of its own.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class LabelsEndpointsTests(PopulatedStackFixture stack)
{
    private KeyedApiClient Api() => new(stack.CreateApiClient(), stack.ApiKey);

    [Fact]
    public async Task Put_creates_then_replaces_a_label_and_names_bad_input()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var artifact = (await UnlabelledArtifactsAsync(db, 1))[0];
        var annotator = $"put-{Guid.NewGuid():N}";
        using var api = Api();
        var path = $"/api/v1/labels/{artifact}";
        await api.ProblemAsync(HttpStatusCode.Unauthorized, HttpMethod.Put, path, new { label = "relevant" }, withKey: false);
        await api.InvalidAsync(HttpMethod.Put, path, new { label = "maybe", annotator = new string('a', 101), notes = new string('n', 2001) }, "label", "annotator", "notes");
        var missing = await api.ProblemAsync(HttpStatusCode.NotFound, HttpMethod.Put, "/api/v1/labels/987654321", new { label = "relevant" });
        Assert.Equal("Artifact not found", missing.GetProperty("title").GetString());

        var (status, created, response) = await api.SendAsync(HttpMethod.Put, path, new { label = "relevant", annotator, notes = "first look" });
        using (response)
        {
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal(path, response.Headers.Location?.ToString());
            Assert.Equal(("relevant", annotator), (created.GetProperty("label").GetString(), created.GetProperty("annotator").GetString()));
        }

        var (again, replaced, againResponse) = await api.SendAsync(HttpMethod.Put, path, new { label = "irrelevant", annotator, notes = "second look" });
        againResponse.Dispose();
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal("irrelevant", replaced.GetProperty("label").GetString());
        Assert.Equal(("irrelevant", "second look"),
            await SingleAsync(db, $"SELECT label, notes FROM discovery_labels WHERE artifact_id = {artifact}", r => (r.GetString(0), r.GetString(1))));
        Assert.Equal("irrelevant", (await api.OkAsync(path)).GetProperty("label").GetString());

        var list = await api.OkAsync($"/api/v1/labels?label=irrelevant&annotator={annotator}");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(artifact, item.GetProperty("artifactId").GetInt64());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("artifactTitle").GetString()));
        Assert.Empty((await api.OkAsync($"/api/v1/labels?label=relevant&annotator={annotator}")).GetProperty("items").EnumerateArray());
        await api.InvalidAsync(HttpMethod.Get, "/api/v1/labels?label=positive&pageSize=0", null, "label", "pageSize");
        await api.ProblemAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/v1/labels/987654321");
    }

    [Fact]
    public async Task Import_then_export_round_trips()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var artifacts = await UnlabelledArtifactsAsync(db, 3);
        var annotator = $"roundtrip-{Guid.NewGuid():N}";
        var csv = "artifact_id,label,annotator,notes\r\n"
                  + $"{artifacts[0]},relevant,{annotator},\"cites \"\"prior work\"\", see below,\nand a second line\"\r\n"
                  + $"{artifacts[1]},irrelevant,{annotator},\r\n"
                  + $"{artifacts[2]},relevant,{annotator},=not a formula\r\n";
        using var client = stack.CreateApiClient();

        using var imported = await client.SendAsync(CsvRequest(csv, stack.ApiKey));
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var result = System.Text.Json.JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((3, 3, 0), (result.GetProperty("imported").GetInt32(), result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32()));

        using var exported = await client.SendAsync(ApiTestHelpers.Request(HttpMethod.Get, $"/api/v1/labels/export?annotator={annotator}", stack.ApiKey));
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("text/csv", exported.Content.Headers.ContentType?.MediaType);
        var exportedCsv = await exported.Content.ReadAsStringAsync();
        // The import's own form (ordered by artifact id, RFC 4180 quoting), except that a note a spreadsheet would
        // run as a formula is written as text: a leading "'" (and quoted), which import takes off again.
        Assert.Equal(csv.Replace(",=not a formula\r\n", ",\"'=not a formula\"\r\n", StringComparison.Ordinal), exportedCsv);

        using var badExport = await client.SendAsync(ApiTestHelpers.Request(HttpMethod.Get, "/api/v1/labels/export?label=positive", stack.ApiKey));
        Assert.Equal(HttpStatusCode.BadRequest, badExport.StatusCode);
        Assert.True((await ApiTestHelpers.ProblemAsync(badExport)).GetProperty("errors").TryGetProperty("label", out _));

        var before = await LabelsAsync(db, annotator);
        using var reimported = await client.SendAsync(CsvRequest(exportedCsv, stack.ApiKey));
        var again = System.Text.Json.JsonDocument.Parse(await reimported.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((3, 0, 3), (again.GetProperty("imported").GetInt32(), again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32()));
        Assert.Equal(before, await LabelsAsync(db, annotator));
        Assert.Equal("cites \"prior work\", see below,\nand a second line", before[0].Notes);
        Assert.Equal("=not a formula", before[2].Notes);
    }

    [Fact]
    public async Task A_bad_row_stores_nothing_and_the_400_names_its_line_and_field()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var artifacts = await UnlabelledArtifactsAsync(db, 2);
        var annotator = $"bad-{Guid.NewGuid():N}";
        var csv = "artifact_id,label,annotator\n"
                  + $"{artifacts[0]},relevant,{annotator}\n"
                  + $"{artifacts[1]},maybe,{annotator}\n"
                  + $"987654321,relevant,{annotator}\n"
                  + $"{artifacts[0]},irrelevant,{annotator}\n";
        using var client = stack.CreateApiClient();
        using var rejected = await client.SendAsync(CsvRequest(csv, stack.ApiKey));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var problem = await ApiTestHelpers.ProblemAsync(rejected);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("line 3: label", out var label), errors.ToString());
        Assert.Contains("relevant, irrelevant", label[0].GetString());
        Assert.True(errors.TryGetProperty("line 4: artifact_id", out _), errors.ToString()); // no such artifact
        Assert.True(errors.TryGetProperty("line 5: artifact_id", out _), errors.ToString()); // one label per artifact
        Assert.False(errors.TryGetProperty("line 2: label", out _));
        Assert.Equal(0L, await ScalarAsync<long>(db, $"SELECT count(*) FROM discovery_labels WHERE annotator = '{annotator}' OR artifact_id = ANY(ARRAY[{artifacts[0]}, {artifacts[1]}])"));

        // With the other rows fixed, the unknown artifact alone still stores nothing.
        var unknownOnly = "artifact_id,label,annotator\n" + $"{artifacts[0]},relevant,{annotator}\n" + $"987654321,relevant,{annotator}\n";
        using var unknown = await client.SendAsync(CsvRequest(unknownOnly, stack.ApiKey));
        var unknownErrors = (await ApiTestHelpers.ProblemAsync(unknown)).GetProperty("errors");
        Assert.Equal(["line 3: artifact_id"], unknownErrors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(0L, await ScalarAsync<long>(db, $"SELECT count(*) FROM discovery_labels WHERE annotator = '{annotator}'"));

        using var header = await client.SendAsync(CsvRequest("id,verdict\n1,relevant\n", stack.ApiKey));
        Assert.True((await ApiTestHelpers.ProblemAsync(header)).GetProperty("errors").TryGetProperty("line 1: header", out _));
        using var ragged = await client.SendAsync(CsvRequest($"artifact_id,label\n{artifacts[0]},relevant\n{artifacts[1]},relevant,extra\n", stack.ApiKey));
        var raggedErrors = (await ApiTestHelpers.ProblemAsync(ragged)).GetProperty("errors");
        Assert.True(raggedErrors.TryGetProperty("line 3: csv", out _), raggedErrors.ToString());
        Assert.Equal(0L, await ScalarAsync<long>(db, $"SELECT count(*) FROM discovery_labels WHERE artifact_id = ANY(ARRAY[{artifacts[0]}, {artifacts[1]}])"));
    }

    [Fact]
    public async Task Import_refuses_other_content_types_oversized_bodies_and_callers_without_a_key()
    {
        using var client = stack.CreateApiClient();
        using var anonymous = await client.SendAsync(CsvRequest("artifact_id,label\n", apiKey: null));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await ApiTestHelpers.ProblemAsync(anonymous);

        var json = ApiTestHelpers.Request(HttpMethod.Post, "/api/v1/labels/import", stack.ApiKey);
        json.Content = new StringContent("[{\"artifactId\":1,\"label\":\"relevant\"}]", Encoding.UTF8, "application/json");
        using var unsupported = await client.SendAsync(json);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        await ApiTestHelpers.ProblemAsync(unsupported);

        // Just over the 1 MiB body limit (Api:MaxRequestBodyBytes). Like curl for large bodies, the client
        // asks "Expect: 100-continue", so the refusal arrives before the body is sent.
        var huge = CsvRequest("artifact_id,label,annotator,notes\n" + new string('x', 1024 * 1024), stack.ApiKey);
        huge.Headers.ExpectContinue = true;
        using var tooLarge = await client.SendAsync(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        await ApiTestHelpers.ProblemAsync(tooLarge);
    }

    private static HttpRequestMessage CsvRequest(string csv, string? apiKey)
    {
        var request = ApiTestHelpers.Request(HttpMethod.Post, "/api/v1/labels/import", apiKey);
        request.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return request;
    }

    /// <summary>Scored artifacts without a label, lowest ids first (the experiment tests take the highest).</summary>
    private static Task<List<long>> UnlabelledArtifactsAsync(NpgsqlConnection db, int count) =>
        ListAsync(db,
            $"""
             SELECT a.id FROM artifacts a JOIN scores s ON s.artifact_id = a.id
             WHERE NOT EXISTS (SELECT 1 FROM discovery_labels l WHERE l.artifact_id = a.id)
             ORDER BY a.id LIMIT {count}
             """,
            r => r.GetInt64(0));

    private static Task<List<(long ArtifactId, string Label, string? Notes)>> LabelsAsync(NpgsqlConnection db, string annotator) =>
        ListAsync(db, $"SELECT artifact_id, label, notes FROM discovery_labels WHERE annotator = '{annotator}' ORDER BY artifact_id",
            r => (r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
}
