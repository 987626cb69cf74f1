using Npgsql;
using NpgsqlTypes;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.Stages;

/// <summary>
/// Score: salience for every classified post that was never scored or changed since (engagement
/// grew, reclassified), and for recent posts whose age decay moved their salience since the last run.
/// Deterministic for the same inputs and clock; written back in one statement per batch.
/// </summary>
public sealed class ScoreStage(
    NpgsqlDataSource dataSource,
    SalienceCalculator salience,
    TimeProvider clock,
    SignalPipelineMetrics metrics,
    ILogger<ScoreStage> logger)
{
    private const int BatchSize = 5000;

    // Posts older than a week have decayed below 1 % of their score: not worth rescoring for age alone.
    private const string SelectStale = """
        select id, like_count, retweet_count, reply_count, quote_count, urgency, category, sentiment, created_at
        from tweets
        where category is not null
          and (scored_at is null or updated_at > scored_at or (created_at > @now - interval '7 days' and scored_at < @now - interval '5 minutes'))
          and id > @after
        order by id
        limit @limit
        """;

    private const string SaveScores = """
        update tweets t set salience = s.salience, scored_at = @now
        from unnest(@ids, @saliences) as s(id, salience)
        where t.id = s.id
        """;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var total = 0;
        var after = "";
        while (true)
        {
            var (ids, inputs) = await LoadAsync(now, after, cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            var scores = inputs.Select(input => salience.Calculate(input, now)).ToArray();
            await using (var command = dataSource.CreateCommand(SaveScores))
            {
                command.Parameters.AddWithValue("now", now);
                command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.ToArray() });
                command.Parameters.Add(new NpgsqlParameter("saliences", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = scores });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            total += ids.Count;
            after = ids[^1];
            if (ids.Count < BatchSize)
            {
                break;
            }
        }

        metrics.PostsScored(total);
        logger.LogInformation("Scored {Count} posts", total);
        return total;
    }

    private async Task<(List<string> Ids, List<SalienceInput> Inputs)> LoadAsync(DateTimeOffset now, string after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectStale);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("limit", BatchSize);
        command.Parameters.AddWithValue("after", after); // keyset: each post at most once per run
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        var inputs = new List<SalienceInput>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
            inputs.Add(SalienceInput.FromStored(
                reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return (ids, inputs);
    }
}
