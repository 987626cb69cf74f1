using Npgsql;
using NpgsqlTypes;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Data.Signals;

public sealed partial class SignalStore
{
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

    /// <summary>
    /// Up to <paramref name="limit"/> classified signals whose salience is missing or stale at <paramref name="now"/>
    /// (changed since scored, or recent enough for age to have moved it), in id order after <paramref name="after"/>:
    /// a keyset, so each signal comes at most once per run.
    /// </summary>
    public async Task<(List<string> Ids, List<SalienceInput> Inputs)> StaleSalienceAsync(DateTimeOffset now, string after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectStale);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("after", after);
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

    /// <summary>Saves the saliences computed at <paramref name="now"/> in one statement.</summary>
    public async Task SaveSaliencesAsync(IReadOnlyList<string> ids, double[] saliences, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SaveScores);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("saliences", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = saliences });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
