using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api.Snapshots;

/// <summary>/api/v1/snapshots on the populated stack (whose signal run exported a snapshot set into the fixture's directory).</summary>
[Collection(PopulatedCollection.Name)]
public sealed class SnapshotsEndpointsTests(PopulatedStackFixture stack)
{
    [Fact]
    public async Task Creating_a_snapshot_runs_the_export_on_the_worker_and_the_download_matches_the_rows_checksum()
    {
        using var client = stack.CreateApiClient();
        var before = await NewestIdAsync();

        using var accepted = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/snapshots", stack.ApiKey));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        AssertRateLimitHeaders(accepted);
        var location = accepted.Headers.Location?.ToString();
        Assert.Matches("^/api/v1/pipelines/runs/[0-9]+$", location);
        Assert.Equal("snapshot", (await JsonAsync(accepted)).GetProperty("pipeline").GetString());

        var run = await Eventually.ReturnsAsync(
            async () =>
            {
                using var status = await client.SendAsync(Request(HttpMethod.Get, location!, stack.ApiKey));
                return await JsonAsync(status);
            },
            r => r.GetProperty("state").GetString() is "Succeeded" or "Failed",
            TimeSpan.FromMinutes(2),
            "the snapshot export finishing");
        Assert.True(run.GetProperty("state").GetString() == "Succeeded", run.ToString());

        // The export wrote one row per format, newer than anything before it.
        using var list = await client.GetAsync("/api/v1/snapshots?pageSize=20");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var items = (await JsonAsync(list)).GetProperty("items").EnumerateArray().Where(s => s.GetProperty("id").GetInt64() > before).ToList();
        Assert.Equal(["csv", "json", "ndjson"], items.Select(s => s.GetProperty("format").GetString()).Order());
        Assert.All(items, s => Assert.Equal("ready", s.GetProperty("status").GetString()));

        var ndjson = items.Single(s => s.GetProperty("format").GetString() == "ndjson");
        var id = ndjson.GetProperty("id").GetInt64();
        using (var one = await client.GetAsync($"/api/v1/snapshots/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Equal(ndjson.GetProperty("checksumSha256").GetString(), (await JsonAsync(one)).GetProperty("checksumSha256").GetString());
        }

        var (storedChecksum, storedSize) = await StoredChecksumAsync(id);
        using var download = await client.GetAsync(ndjson.GetProperty("download").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(storedChecksum, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(storedSize, bytes.Length);
        Assert.Equal("application/gzip", download.Content.Headers.ContentType?.MediaType); // exported gzip-compressed by default
        Assert.Equal(ndjson.GetProperty("fileName").GetString(), download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.EndsWith(".ndjson.gz", ndjson.GetProperty("fileName").GetString());

        // Another format of the same export, through the same id.
        var csv = items.Single(s => s.GetProperty("format").GetString() == "csv");
        using var asCsv = await client.GetAsync($"/api/v1/snapshots/{id}/download?format=csv");
        Assert.Equal(HttpStatusCode.OK, asCsv.StatusCode);
        Assert.Equal(csv.GetProperty("checksumSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(await asCsv.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task Listing_is_paged_newest_first_and_bad_paging_is_400()
    {
        using var client = stack.CreateApiClient();
        using var page = await client.GetAsync("/api/v1/snapshots?page=1&pageSize=2");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var body = await JsonAsync(page);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 1, 2); // the fixture's signal run exported a set
        Assert.True(body.GetProperty("total").GetInt32() >= items.Count);
        Assert.Equal(items.OrderByDescending(s => s.GetProperty("createdAt").GetDateTimeOffset()).Select(s => s.GetProperty("id").GetInt64()),
            items.Select(s => s.GetProperty("id").GetInt64()));

        using var bad = await client.GetAsync("/api/v1/snapshots?pageSize=201");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await ProblemAsync(bad)).GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task Unknown_snapshots_are_404_a_bad_format_is_400_and_creating_needs_a_key()
    {
        using var client = stack.CreateApiClient();
        foreach (var path in new[] { "/api/v1/snapshots/987654321", "/api/v1/snapshots/987654321/download" })
        {
            using var missing = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            await ProblemAsync(missing);
        }

        using var badFormat = await client.GetAsync($"/api/v1/snapshots/{await NewestIdAsync()}/download?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.True((await ProblemAsync(badFormat)).GetProperty("errors").TryGetProperty("format", out _));

        using var notAnId = await client.GetAsync("/api/v1/snapshots/latest");
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);

        using var withoutKey = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/snapshots"));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        await ProblemAsync(withoutKey);
    }

    [Fact]
    public async Task A_row_pointing_outside_the_snapshot_directory_is_never_served()
    {
        // An existing file next to the snapshot directory, reached through "..": only the containment check refuses it.
        var outside = Path.Combine(Path.GetTempPath(), $"not-a-snapshot-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(outside, "{\"secret\":true}");
        await using var db = await stack.OpenDatabaseAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO snapshots (status, format, path, created_at) VALUES ('ready', 'json', $1, now()) RETURNING id", db);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Path.Combine(stack.SnapshotDirectory, "..", Path.GetFileName(outside)) });
        var id = (long)(await insert.ExecuteScalarAsync())!;
        try
        {
            using var client = stack.CreateApiClient();
            using var download = await client.GetAsync($"/api/v1/snapshots/{id}/download");
            Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
            Assert.Equal("Snapshot not found", (await ProblemAsync(download)).GetProperty("title").GetString());
        }
        finally
        {
            await using var delete = new NpgsqlCommand("DELETE FROM snapshots WHERE id = $1", db);
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            await delete.ExecuteNonQueryAsync();
            File.Delete(outside);
        }
    }

    private async Task<long> NewestIdAsync()
    {
        await using var db = await stack.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM snapshots", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(string Checksum, long Size)> StoredChecksumAsync(long id)
    {
        await using var db = await stack.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT checksum_sha256, size_bytes FROM snapshots WHERE id = $1", db);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetInt64(1));
    }
}
