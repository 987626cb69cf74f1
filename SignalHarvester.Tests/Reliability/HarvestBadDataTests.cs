using Npgsql;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Tests.Signals;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// R8: one page from X mixing good posts with bad ones — a NUL in the text, an unpaired surrogate escape, an id of
/// the wrong type, and a post the database itself refuses. The good posts are stored, each bad one is skipped with
/// its reason and counted by kind, and the run (and the next one) goes on.
/// </summary>
[Collection(SignalsCollection.Name)]
public sealed class HarvestBadDataTests(SignalsStackFixture stack)
{
    [Fact]
    public async Task Bad_posts_are_skipped_and_counted_and_the_rest_of_the_page_and_the_run_go_on()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var good = new[]
        {
            stack.X.NewPost($"Checkout is down for everyone, neighbour of bad data {tag} A", likes: 3),
            stack.X.NewPost($"Login down again, neighbour of bad data {tag} B", likes: 4),
        };
        var nul = stack.X.NewPost($"Payments down \0 with a NUL {tag}");
        var lone = stack.X.NewPost($"LONE-{tag}");
        var wrongType = stack.X.NewPost($"Search is down, id of the wrong type {tag}");
        var refused = stack.X.NewPost($"REFUSED-{tag} outage the database will not take");
        var before = await SkippedAsync();

        await using var db = await stack.OpenDatabaseAsync();
        // A row the database refuses for its own reasons (a constraint, a trigger): here a trigger, for this post only.
        await ExecuteAsync(db, $"""
            create function refuse_post_{tag}() returns trigger language plpgsql as $$
            begin
                if new.text like '%REFUSED-{tag}%' then raise exception 'injected: row refused'; end if;
                return new;
            end $$;
            create trigger refuse_post_{tag} before insert on tweets for each row execute function refuse_post_{tag}();
            """);
        stack.X.RewriteBody = body => body
            .Replace($"LONE-{tag}", @"lone \ud800 surrogate", StringComparison.Ordinal)
            .Replace($"\"id\":\"{wrongType.Id}\"", "\"id\":{\"wrong\":\"type\"}", StringComparison.Ordinal);
        try
        {
            stack.X.AddPosts(SignalsStackFixture.OutagesQuery, [.. good, nul, lone, wrongType, refused]);
            Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

            string[] all = [.. good.Select(p => p.Id), nul.Id, lone.Id, wrongType.Id, refused.Id];
            var stored = await StoredIdsAsync(db, all);
            Assert.Equal(good.Select(p => p.Id).Order(), stored.Order());

            var after = await Eventually.ReturnsAsync(
                SkippedAsync,
                s => s.Unreadable - before.Unreadable >= 2 && s.Unstorable - before.Unstorable >= 1 && s.Refused - before.Refused >= 1,
                TimeSpan.FromSeconds(15),
                "the skipped posts counted in the worker's Prometheus scrape");
            Assert.Equal((2, 1, 1), (after.Unreadable - before.Unreadable, after.Unstorable - before.Unstorable, after.Refused - before.Refused));

            // The next run is not stuck on the same page: it succeeds and stores what is new.
            var next = stack.X.NewPost($"Status page down, after the bad page {tag}", likes: 2);
            stack.X.AddPosts(SignalsStackFixture.OutagesQuery, next);
            Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());
            Assert.Equal([next.Id], await StoredIdsAsync(db, [next.Id]));
        }
        finally
        {
            stack.X.RewriteBody = null;
            await ExecuteAsync(db, $"drop trigger refuse_post_{tag} on tweets; drop function refuse_post_{tag}();");
        }
    }

    /// <summary>The worker's <c>signalharvester_signals_posts_skipped_total</c> for the outages query, by kind.</summary>
    private async Task<(long Unreadable, long Unstorable, long Refused)> SkippedAsync()
    {
        using var worker = stack.CreateWorkerClient();
        async Task<long> Sum(string kind) =>
            (long)await PrometheusScrape.SumAsync(worker, "signalharvester_signals_posts_skipped_total", $"kind=\"{kind}\"", "query=\"outages\"");
        return (await Sum("unreadable"), await Sum("unstorable"), await Sum("refused"));
    }

    private static async Task<List<string>> StoredIdsAsync(NpgsqlConnection db, string[] ids)
    {
        await using var command = new NpgsqlCommand("select id from tweets where id = any(@ids)", db);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new List<string>();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetString(0));
        }

        return stored;
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
