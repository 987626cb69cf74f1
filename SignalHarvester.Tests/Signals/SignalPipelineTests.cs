using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SignalHarvester.Data.Signals;
using SignalHarvester.Tests.Api;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Signals;
using SignalHarvester.Worker.Signals.Slack;
using SignalHarvester.Worker.Signals.Stages;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Tests.Signals;

/// <summary>The signal pipeline through the running stack: fake X, Slack and LLM; real worker, PostgreSQL and Redis.</summary>
[Collection(SignalsCollection.Name)]
public sealed class SignalPipelineTests(SignalsStackFixture stack)
{
    [Fact]
    public async Task A_run_stores_classifies_and_scores_posts_and_the_api_serves_them()
    {
        var posts = Enumerable.Range(0, 25)
            .Select(i => stack.X.NewPost($"Checkout API is down again, 502 everywhere #{i}", likes: 10 * i, retweets: i))
            .ToArray();
        stack.X.AddPosts(SignalsStackFixture.OutagesQuery, posts);

        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

        await using var db = await stack.OpenDatabaseAsync();
        var stored = await RowsAsync(db, posts.Select(p => p.Id));
        Assert.Equal(25, stored.Count);
        Assert.All(stored, row =>
        {
            Assert.NotNull(row.Category);
            Assert.NotNull(row.Salience);
            Assert.InRange(row.Salience!.Value, 0, 100);
            Assert.Equal("openai-compatible", row.ClassifiedBy);
            Assert.Contains("outages", row.MatchedQueries);
        });

        // Three pages of ten: the cursor ends on the newest post, with no pagination pending.
        var cursor = await CursorAsync(db, "outages");
        Assert.Equal(posts.Max(p => long.Parse(p.Id)).ToString(), cursor.SinceId);
        Assert.Null(cursor.PaginationToken);

        using var api = stack.CreateApiClient();
        var signal = await api.GetFromJsonAsync<JsonElement>($"/api/v1/signals/{posts[^1].Id}");
        Assert.Equal(posts[^1].Id, signal.GetProperty("id").GetString());
        Assert.Equal(stored.Single(r => r.Id == posts[^1].Id).Salience, signal.GetProperty("salience").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/signals/1")).StatusCode);
    }

    [Fact]
    public async Task A_completed_run_evicts_cached_signal_reads()
    {
        // The stack caches signal reads far longer than a run takes: only the run's eviction can show its posts.
        var marker = $"cachecheck{Guid.NewGuid():N}";
        var post = stack.X.NewPost($"Payments are down, {marker}", likes: 30);
        using var api = stack.CreateApiClient();
        var listing = $"/api/v1/signals?search={marker}";
        await Eventually.ReturnsAsync(() => ListedAsync(api, listing), read => read.Cached && read.Ids.Count == 0,
            TimeSpan.FromSeconds(10), "the empty listing served from the cache");

        stack.X.AddPosts(SignalsStackFixture.OutagesQuery, post);
        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

        var after = await ListedAsync(api, listing);
        Assert.Equal([post.Id], after.Ids);
    }

    [Fact]
    public async Task Replayed_and_overlapping_pages_store_no_duplicates_and_engagement_never_goes_down()
    {
        var shared = stack.X.NewPost("CVE-2026-1111: outage of the auth service after exploit attempts", likes: 100, retweets: 10);
        var other = stack.X.NewPost("Is the status page down or is it me?", likes: 5);
        stack.X.AddPosts(SignalsStackFixture.OutagesQuery, shared, other);
        stack.X.AddPosts(SignalsStackFixture.SecurityQuery, shared);
        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

        // Replay: forget the cursors so X serves the same posts again, with one count lower (stale) and one higher.
        await using var db = await stack.OpenDatabaseAsync();
        await ExecuteAsync(db, "delete from cursors");
        stack.X.UpdatePost(shared with { Likes = 40, Retweets = 25 });
        stack.X.UpdatePost(other with { Likes = 9 });
        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

        var rows = await RowsAsync(db, [shared.Id, other.Id]);
        Assert.Equal(2, rows.Count);
        var sharedRow = rows.Single(r => r.Id == shared.Id);
        Assert.Equal(100, sharedRow.Likes); // never decreases
        Assert.Equal(25, sharedRow.Retweets); // increases
        Assert.Equal(["outages", "security"], sharedRow.MatchedQueries.Order());
        Assert.Equal(9, rows.Single(r => r.Id == other.Id).Likes);
    }

    [Fact]
    public async Task A_rate_limit_in_the_middle_of_pagination_resumes_later_without_losing_or_duplicating_posts()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var before = await CursorAsync(db, "security");
        var posts = Enumerable.Range(0, 30).Select(i => stack.X.NewPost($"New vulnerability report {i} in tinyjwt", likes: i)).ToArray();
        stack.X.AddPosts(SignalsStackFixture.SecurityQuery, posts);

        // The run asks for outages (one page), then security: page 1 succeeds, page 2 is rate limited.
        var next = stack.X.Requests.Count;
        stack.X.RateLimitRequest(next + 3, DateTimeOffset.UtcNow.AddMinutes(15));
        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

        var partial = await RowsAsync(db, posts.Select(p => p.Id));
        Assert.Equal(10, partial.Count); // only the stored page
        var paused = await CursorAsync(db, "security");
        Assert.Equal(before.SinceId, paused.SinceId); // the cursor did not pass the unstored posts
        Assert.NotNull(paused.PaginationToken);

        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

        var all = await RowsAsync(db, posts.Select(p => p.Id));
        Assert.Equal(30, all.Count);
        var resumed = await CursorAsync(db, "security");
        Assert.Equal(posts.Max(p => long.Parse(p.Id)).ToString(), resumed.SinceId);
        Assert.Null(resumed.PaginationToken);
        Assert.Contains(stack.X.SearchRequests.Skip(next), r => r.Query.ContainsKey("pagination_token") && r.StatusCode == 200);
    }

    [Fact]
    public async Task A_spent_rate_limit_window_stops_the_run_asking_and_the_next_window_resumes_every_query()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var outages = Enumerable.Range(0, 25).Select(i => stack.X.NewPost($"Region {i} is down again", likes: i)).ToArray();
        var security = Enumerable.Range(0, 5).Select(i => stack.X.NewPost($"CVE-2026-{2000 + i} patched", likes: i)).ToArray();
        stack.X.AddPosts(SignalsStackFixture.OutagesQuery, outages);
        stack.X.AddPosts(SignalsStackFixture.SecurityQuery, security);
        var securityBefore = await CursorAsync(db, "security");

        // Two searches left in X's window: outages pages 1 and 2, the second saying remaining 0.
        var before = stack.X.SearchRequests.Count;
        var deferredBefore = await QueriesDeferredAsync("security", "rate_limited");
        stack.X.AllowOnly(2);
        try
        {
            Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

            var made = stack.X.SearchRequests.Skip(before).ToList();
            Assert.Equal([200, 200], made.Select(r => r.StatusCode));
            Assert.Equal(20, (await RowsAsync(db, outages.Select(p => p.Id))).Count);
            Assert.NotNull((await CursorAsync(db, "outages")).PaginationToken);
            Assert.Empty(await RowsAsync(db, security.Select(p => p.Id)));
            Assert.Equal(securityBefore, await CursorAsync(db, "security"));
            // Operators see it in the worker's metrics: the query that was not asked, and why.
            await Eventually.ReturnsAsync(
                () => QueriesDeferredAsync("security", "rate_limited"), value => value == deferredBefore + 1,
                TimeSpan.FromSeconds(30), "the worker's scrape counting the deferred security query");
        }
        finally
        {
            stack.X.ResetWindow();
        }

        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

        Assert.Equal(25, (await RowsAsync(db, outages.Select(p => p.Id))).Count);
        Assert.Equal(5, (await RowsAsync(db, security.Select(p => p.Id))).Count);
        Assert.Null((await CursorAsync(db, "outages")).PaginationToken);
    }

    [Fact]
    public async Task The_llm_answer_is_stored_as_given_and_salience_is_the_hand_computed_value()
    {
        var post = stack.X.NewPost($"Auth provider breach notice {Guid.NewGuid():N}", createdAt: DateTimeOffset.UtcNow.AddHours(-30),
            likes: 90, retweets: 10, replies: 4, quotes: 2);
        stack.X.AddPosts(SignalsStackFixture.SecurityQuery, post);
        stack.Llm.Responder = body => body.Contains(post.Text, StringComparison.Ordinal)
            ? FakeOpenAiApi.Answer.Classification("security", "negative", 4, ["breach", "auth"], "Scripted: a breach notice.")
            : null;
        try
        {
            Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());
        }
        finally
        {
            stack.Llm.Responder = null;
        }

        await using var db = await stack.OpenDatabaseAsync();
        var stored = await Sql.SingleAsync(db, $"""
            select category, sentiment, urgency, tags, reasoning, classified_by, classification_fallback, salience, scored_at, created_at
            from tweets where id = '{post.Id}'
            """, r => (Category: r.GetString(0), Sentiment: r.GetString(1), Urgency: r.GetInt32(2), Tags: r.GetFieldValue<string[]>(3),
                Reasoning: r.GetString(4), ClassifiedBy: r.GetString(5), Fallback: r.GetBoolean(6), Salience: r.GetDouble(7),
                ScoredAt: r.GetFieldValue<DateTimeOffset>(8), CreatedAt: r.GetFieldValue<DateTimeOffset>(9)));
        Assert.Equal(("security", "negative", 4, "Scripted: a breach notice.", "openai-compatible", false),
            (stored.Category, stored.Sentiment, stored.Urgency, stored.Reasoning, stored.ClassifiedBy, stored.Fallback));
        Assert.Equal(["breach", "auth"], stored.Tags);

        // By hand, with the stack's weights (SignalsStackFixture.Salience): engagement 90·1 + 10·3 + 4·2 + 2·2.5 = 133;
        // 10 + 10·ln(134) + 4·4 = 74.978398; × 1.8 (security) × 1.2 (negative) = 161.953340 — then halved every 24 h of age.
        var ageHours = (stored.ScoredAt - stored.CreatedAt).TotalHours;
        Assert.InRange(ageHours, 30, 31);
        // Stored rounded to 3 decimals.
        Assert.Equal(161.95333967893967 * Math.Pow(0.5, ageHours / 24), stored.Salience, tolerance: 0.0006);
    }

    [Fact]
    public async Task An_llm_answering_garbage_falls_back_to_the_heuristic_and_the_run_succeeds()
    {
        var previous = stack.Llm.DefaultAnswer;
        stack.Llm.DefaultAnswer = FakeOpenAiApi.Answer.Content("I am not JSON, I am a poem about outages.");
        try
        {
            var post = stack.X.NewPost("Major outage: payments API down, CVE-2026-4242 being exploited", likes: 300);
            stack.X.AddPosts(SignalsStackFixture.OutagesQuery, post);

            Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

            await using var db = await stack.OpenDatabaseAsync();
            var row = Assert.Single(await RowsAsync(db, [post.Id]));
            Assert.Equal("heuristic", row.ClassifiedBy);
            Assert.True(row.Fallback);
            Assert.NotNull(row.Category);
            Assert.NotNull(row.Salience);
        }
        finally
        {
            stack.Llm.DefaultAnswer = previous;
        }
    }

    [Fact]
    public async Task Qualifying_posts_are_notified_to_slack_once_and_a_failed_send_is_retried_next_run()
    {
        stack.Slack.Clear();
        var loud = stack.X.NewPost("Total outage: everything is down, CVE-2026-9999 exploited in the wild", likes: 5000, retweets: 2000, replies: 800);
        stack.X.AddPosts(SignalsStackFixture.OutagesQuery, loud);
        stack.Slack.FailNext(1000); // Slack is down for the first run

        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());
        await using var db = await stack.OpenDatabaseAsync();
        var afterFailure = Assert.Single(await RowsAsync(db, [loud.Id]));
        Assert.Null(afterFailure.NotifiedAt);
        Assert.True(afterFailure.Salience >= 50);

        stack.Slack.FailNext(0);
        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());
        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

        Assert.Single(stack.Slack.NotifiedPostIds, id => id == loud.Id);
        Assert.NotNull(Assert.Single(await RowsAsync(db, [loud.Id])).NotifiedAt);
    }

    [Fact]
    public async Task Two_notifiers_at_once_send_each_qualifying_post_exactly_once()
    {
        stack.Slack.Clear();
        await using var db = await stack.OpenDatabaseAsync();
        var ids = Enumerable.Range(0, 40).Select(i => $"9{i:D17}").ToArray();
        await using (var seed = new NpgsqlCommand("""
            insert into tweets (id, text, author_username, created_at, like_count, retweet_count, reply_count, quote_count,
                matched_queries, tags, classification_fallback, notify_attempts, category, salience, inserted_at, updated_at)
            select id, 'seeded outage ' || id, 'seed', now(), 0, 0, 0, 0, '{seed}', '{}', false, 0, 'outage', 99, now(), now()
            from unnest(@ids) as id
            """, db))
        {
            seed.Parameters.AddWithValue("ids", ids);
            await seed.ExecuteNonQueryAsync();
        }

        var connectionString = await stack.DatabaseConnectionStringAsync();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await NewNotifyStage(dataSource).RunAsync(CancellationToken.None);
        })));

        var notified = stack.Slack.NotifiedPostIds.Where(ids.Contains).ToList();
        Assert.Equal(ids.Order(), notified.Order());
        Assert.Equal(40L, await ScalarAsync<long>(db, $"select count(*) from tweets where id like '9%' and length(id) = 18 and notified_at is not null"));
    }

    [Fact]
    public async Task Only_posts_created_within_the_notification_window_are_announced()
    {
        stack.Slack.Clear();
        await using var db = await stack.OpenDatabaseAsync();
        // Both salient enough; one created 10 h ago, one 60 h ago, with a 48 h window.
        var (recent, old) = ($"7{Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999)}", $"7{Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999)}");
        await using (var seed = new NpgsqlCommand("""
            insert into tweets (id, text, author_username, created_at, like_count, retweet_count, reply_count, quote_count,
                matched_queries, tags, classification_fallback, notify_attempts, category, salience, inserted_at, updated_at)
            values (@recent, 'window: recent outage', 'seed', now() - interval '10 hours', 0, 0, 0, 0, '{seed}', '{}', false, 0, 'outage', 99, now(), now()),
                   (@old, 'window: old outage', 'seed', now() - interval '60 hours', 0, 0, 0, 0, '{seed}', '{}', false, 0, 'outage', 99, now(), now())
            """, db))
        {
            seed.Parameters.AddWithValue("recent", recent);
            seed.Parameters.AddWithValue("old", old);
            await seed.ExecuteNonQueryAsync();
        }

        await using (var dataSource = NpgsqlDataSource.Create(await stack.DatabaseConnectionStringAsync()))
        {
            await NewNotifyStage(dataSource, withinHours: 48).RunAsync(CancellationToken.None);
        }

        Assert.Contains(recent, stack.Slack.NotifiedPostIds);
        Assert.DoesNotContain(old, stack.Slack.NotifiedPostIds);
        Assert.Equal(0L, await ScalarAsync<long>(db, $"select count(*) from tweets where id = '{old}' and (notified_at is not null or notify_claimed_at is not null)"));
    }

    [Fact]
    public async Task Snapshots_are_written_with_verifiable_checksums_and_retention_keeps_the_latest_sets()
    {
        for (var run = 0; run < 3; run++)
        {
            stack.X.AddPosts(SignalsStackFixture.OutagesQuery, stack.X.NewPost($"Snapshot material: API down #{run}", likes: 50 + run));
            Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());
        }

        var manifests = Directory.GetFiles(stack.SnapshotDirectory, "signals-*.sha256");
        Assert.Equal(2, manifests.Length); // KeepLatest=2
        foreach (var manifest in manifests)
        {
            var check = Process.Start(new ProcessStartInfo("sha256sum", ["-c", Path.GetFileName(manifest)])
            {
                WorkingDirectory = stack.SnapshotDirectory,
                RedirectStandardOutput = true,
            })!;
            await check.WaitForExitAsync();
            Assert.Equal(0, check.ExitCode);
        }

        await using var db = await stack.OpenDatabaseAsync();
        var readyPaths = await ListAsync(db, "select path from snapshots where status = 'ready'");
        Assert.Equal(6, readyPaths.Count); // json, ndjson, csv for each kept set
        Assert.All(readyPaths, path => Assert.True(File.Exists(path), $"{path} tracked but missing"));
        Assert.Equal(0L, await ScalarAsync<long>(db, "select count(*) from snapshots where status <> 'ready'"));
    }

    private NotifyStage NewNotifyStage(NpgsqlDataSource dataSource, int withinHours = 0) => new(
        new SignalStore(dataSource),
        new SourceStatusStore(dataSource, TimeProvider.System, NullLogger<SourceStatusStore>.Instance),
        new SourceSettings(),
        Options.Create(new NotifyOptions { Threshold = 50, WithinHours = withinHours, MaxPerRun = 500 }),
        new SignalPipelineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
        NullLogger<NotifyStage>.Instance,
        new SlackNotifier(new HttpClient(), Options.Create(new SlackOptions { WebhookUrl = stack.Slack.WebhookUrl.ToString() })));

    private sealed record Row(string Id, string? Category, double? Salience, string? ClassifiedBy, bool Fallback, int Likes, int Retweets, string[] MatchedQueries, DateTimeOffset? NotifiedAt);

    private static async Task<List<Row>> RowsAsync(NpgsqlConnection db, IEnumerable<string> ids)
    {
        await using var command = new NpgsqlCommand(
            "select id, category, salience, classified_by, classification_fallback, like_count, retweet_count, matched_queries, notified_at from tweets where id = any(@ids)", db);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4), reader.GetInt32(5), reader.GetInt32(6),
                reader.GetFieldValue<string[]>(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return rows;
    }

    private sealed record CursorRow(string? SinceId, string? PaginationToken);

    // A counter from the worker's Prometheus scrape; 0 before its first increment (the exporter omits it until then).
    private async Task<double> QueriesDeferredAsync(string query, string reason)
    {
        using var worker = stack.CreateWorkerClient();
        var scrape = await worker.GetStringAsync("/metrics/prometheus");
        return Regex.Matches(scrape, @"^signalharvester_signals_queries_deferred_total\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)
            .Where(m => m.Groups["labels"].Value.Contains($"query=\"{query}\"", StringComparison.Ordinal)
                && m.Groups["labels"].Value.Contains($"reason=\"{reason}\"", StringComparison.Ordinal))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .SingleOrDefault();
    }

    private static async Task<CursorRow> CursorAsync(NpgsqlConnection db, string query)
    {
        await using var command = new NpgsqlCommand("select since_id, pagination_token from cursors where query_name = @q", db);
        command.Parameters.AddWithValue("q", query);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new CursorRow(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : new CursorRow(null, null);
    }

    private static async Task<(List<string> Ids, bool Cached)> ListedAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ([.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)], response.Headers.Age is not null);
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
