using System.Globalization;
using Npgsql;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Signals;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// R7: Slack failing for several pipeline runs of the real worker (500s, reset connections, no answer until the
/// resilience timeout), then recovering. No run leaves a claim held, and once Slack is back every qualifying
/// signal is announced exactly once.
/// </summary>
[Collection(SignalsCollection.Name)]
public sealed class SlackOutageTests(SignalsStackFixture stack)
{
    [Fact]
    public async Task While_slack_fails_no_claim_outlives_a_run_and_after_it_recovers_each_signal_is_announced_once()
    {
        stack.Slack.Clear();
        await using var db = await stack.OpenDatabaseAsync();
        var stem = "6" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(0, 6).Select(i => stem + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        // Classified, and loud enough that every run's scoring keeps them above the notify threshold (50).
        await using (var seed = new NpgsqlCommand("""
            insert into tweets (id, text, author_username, created_at, like_count, retweet_count, reply_count, quote_count,
                matched_queries, tags, classification_fallback, notify_attempts, category, salience, inserted_at, updated_at)
            select id, 'slack outage material ' || id, 'seed', now(), 5000, 2000, 800, 0, '{seed}', '{}', false, 0, 'security', 99, now(), now()
            from unnest(@ids) as id
            """, db))
        {
            seed.Parameters.AddWithValue("ids", ids);
            await seed.ExecuteNonQueryAsync();
        }

        long attempts = 0;
        foreach (var how in new[] { SlackFailure.ServerError, SlackFailure.ConnectionReset, SlackFailure.Hang })
        {
            stack.Slack.FailNext(1000, how);
            await stack.RunSignalPipelineAsync();
            var state = await StateAsync(db, ids);
            Assert.True(state.Notified == 0, $"{how}: {state.Notified} marked notified while Slack failed");
            Assert.True(state.Claimed == 0, $"{how}: {state.Claimed} claims still held after the run");
            Assert.True(state.Attempts > attempts, $"{how}: the run claimed none of the signals");
            attempts = state.Attempts;
        }

        Assert.DoesNotContain(stack.Slack.NotifiedPostIds, ids.Contains);
        stack.Slack.FailNext(0);
        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());
        Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());

        Assert.Equal(ids.Order(), stack.Slack.NotifiedPostIds.Where(ids.Contains).Order());
        var recovered = await StateAsync(db, ids);
        Assert.Equal(ids.Length, recovered.Notified);
        Assert.Equal(0, recovered.Claimed);
    }

    private static async Task<(long Notified, long Claimed, long Attempts)> StateAsync(NpgsqlConnection db, string[] ids)
    {
        await using var command = new NpgsqlCommand("""
            select count(*) filter (where notified_at is not null), count(*) filter (where notify_claimed_at is not null),
                   coalesce(sum(notify_attempts), 0)
            from tweets where id = any(@ids)
            """, db);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
