using System.IO.Compression;
using System.Text.Json;
using Npgsql;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Signals.Retention;

namespace SignalHarvester.Tests.Signals;

/// <summary>Retention through the stack's worker: old posts archived then deleted, old raw payloads archived then cleared.</summary>
[Collection(SignalsCollection.Name)]
public sealed class PostRetentionTests(SignalsStackFixture stack)
{
    // The worker runs with the defaults (PostMaxAgeDays 365, RawPayloadMaxAgeDays 30).
    private string ArchiveDirectory => Path.Combine(stack.SnapshotDirectory, "archive");

    [Fact]
    public async Task Old_posts_are_archived_then_deleted_and_old_raw_payloads_archived_then_cleared()
    {
        var (old, aging, fresh) = (NewId(), NewId(), NewId());
        await using var db = await stack.OpenDatabaseAsync();
        await SeedAsync(db, (old, 400), (aging, 40), (fresh, 1));
        var oldRow = await ScalarAsync<string>(db, $"select t::text from tweets t where id = '{old}'");

        Assert.Equal("Succeeded", await RunRetentionAsync());

        Assert.Equal([aging, fresh], await StoredIdsAsync(db, old, aging, fresh));
        Assert.Null(await RawMarkerAsync(db, aging));
        Assert.Equal($"raw of {fresh}", await RawMarkerAsync(db, fresh));
        // The cleared row keeps everything else.
        Assert.Equal($"post {aging}", await ScalarAsync<string>(db, $"select text from tweets where id = '{aging}'"));

        var posts = ArchivedLines(PostArchive.Posts);
        var archivedPost = Assert.Single(posts, line => line.GetProperty("id").GetString() == old);
        Assert.Equal($"post {old}", archivedPost.GetProperty("text").GetString());
        Assert.Equal("an operator's note", archivedPost.GetProperty("notes").GetString());
        Assert.Equal($"raw of {old}", archivedPost.GetProperty("raw").GetProperty("marker").GetString());
        Assert.DoesNotContain(posts, line => line.GetProperty("id").GetString() is { } id && (id == aging || id == fresh));
        // The archived line restores the row exactly, as the runbook says.
        await using (var restore = new NpgsqlCommand("insert into tweets select * from json_populate_record(null::tweets, @line::json)", db))
        {
            restore.Parameters.AddWithValue("line", archivedPost.GetRawText());
            await restore.ExecuteNonQueryAsync();
        }

        Assert.Equal(oldRow, await ScalarAsync<string>(db, $"select t::text from tweets t where id = '{old}'"));
        await ScalarAsync<object>(db, $"delete from tweets where id = '{old}' returning id");

        var payloads = ArchivedLines(PostArchive.RawPayloads);
        var archivedPayload = Assert.Single(payloads, line => line.GetProperty("id").GetString() == aging);
        Assert.Equal($"raw of {aging}", archivedPayload.GetProperty("raw").GetProperty("marker").GetString());
        Assert.DoesNotContain(payloads, line => line.GetProperty("id").GetString() is { } id && (id == old || id == fresh));
    }

    [Fact]
    public async Task A_run_that_cannot_write_its_archive_changes_no_row_and_the_next_run_catches_up()
    {
        var (old, aging) = (NewId(), NewId());
        await using var db = await stack.OpenDatabaseAsync();
        await SeedAsync(db, (old, 500), (aging, 45));
        var before = await ScalarAsync<string>(db, $"select string_agg(t::text, '|' order by id) from tweets t where id in ('{old}', '{aging}')");

        // A file where the archive directory should be: the archive cannot be written.
        Directory.CreateDirectory(stack.SnapshotDirectory);
        var movedArchive = Directory.Exists(ArchiveDirectory) ? ArchiveDirectory + ".kept" : null;
        if (movedArchive is not null)
        {
            Directory.Move(ArchiveDirectory, movedArchive);
        }

        await File.WriteAllTextAsync(ArchiveDirectory, "not a directory");
        try
        {
            var job = stack.Jobs.Enqueue<PostRetentionJob>(job => job.RunAsync(CancellationToken.None));
            // Failed, so rescheduled for a retry: the test deletes it instead of waiting a minute.
            await Eventually.ReturnsAsync(() => Task.FromResult(stack.Jobs.History(job)), h => h.Contains("Scheduled"), TimeSpan.FromMinutes(2), "the retention run failing");
            stack.Jobs.Delete(job);
            Assert.Equal(before, await ScalarAsync<string>(db, $"select string_agg(t::text, '|' order by id) from tweets t where id in ('{old}', '{aging}')"));
        }
        finally
        {
            File.Delete(ArchiveDirectory);
            if (movedArchive is not null)
            {
                Directory.Move(movedArchive, ArchiveDirectory);
            }
        }

        Assert.Equal("Succeeded", await RunRetentionAsync());
        Assert.Equal([aging], await StoredIdsAsync(db, old, aging));
        Assert.Single(ArchivedLines(PostArchive.Posts), line => line.GetProperty("id").GetString() == old);
        Assert.Single(ArchivedLines(PostArchive.RawPayloads), line => line.GetProperty("id").GetString() == aging);
    }

    [Fact]
    public void The_worker_schedules_retention_daily_by_default()
    {
        Assert.Equal(new PostRetentionOptions().Schedule, stack.Jobs.RecurringCron(PostRetentionJob.RecurringJobId));
        Assert.Equal("30 3 * * *", new PostRetentionOptions().Schedule); // daily at 03:30 UTC, as docs/pipelines/signals.md says
    }

    private Task<string> RunRetentionAsync() =>
        stack.Jobs.RunAsync<PostRetentionJob>(job => job.RunAsync(CancellationToken.None), TimeSpan.FromMinutes(2));

    private static string NewId() => $"6{Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999)}";

    private static async Task SeedAsync(NpgsqlConnection db, params (string Id, int AgeDays)[] posts)
    {
        foreach (var (id, ageDays) in posts)
        {
            await using var seed = new NpgsqlCommand("""
                insert into tweets (id, text, author_username, created_at, like_count, retweet_count, reply_count, quote_count,
                    matched_queries, raw, tags, classification_fallback, notify_attempts, notes, inserted_at, updated_at)
                values (@id, 'post ' || @id, 'seed', now() - make_interval(days => @age), 1, 0, 0, 0,
                    '{seed}', jsonb_build_object('id', @id, 'marker', 'raw of ' || @id), '{}', false, 0, 'an operator''s note', now(), now())
                """, db);
            seed.Parameters.AddWithValue("id", id);
            seed.Parameters.AddWithValue("age", ageDays);
            await seed.ExecuteNonQueryAsync();
        }
    }

    private static async Task<List<string>> StoredIdsAsync(NpgsqlConnection db, params string[] ids)
    {
        await using var command = new NpgsqlCommand("select id from tweets where id = any(@ids) order by created_at desc", db);
        command.Parameters.AddWithValue("ids", ids);
        var stored = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetString(0));
        }

        return stored.OrderBy(id => Array.IndexOf(ids, id)).ToList();
    }

    private static async Task<string?> RawMarkerAsync(NpgsqlConnection db, string id) =>
        await ScalarAsync<object>(db, $"select raw->>'marker' from tweets where id = '{id}'") as string;

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every line of every archive of one kind, parsed (gzip JSON lines).</summary>
    private List<JsonElement> ArchivedLines(string kind)
    {
        var files = Directory.GetFiles(ArchiveDirectory, $"{kind}-*.ndjson.gz");
        Assert.NotEmpty(files);
        var lines = new List<JsonElement>();
        foreach (var file in files)
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return lines;
    }
}
