using Npgsql;

namespace SignalHarvester.Data.Signals;

public sealed partial class SignalStore
{
    private const string OldSignals = """
        select id, row_to_json(t)::text from tweets t
        where created_at < @cutoff
        order by created_at, id limit @batch
        for update skip locked
        """;

    private const string OldRawPayloads = """
        select id, json_build_object('id', id, 'created_at', created_at, 'raw', raw)::text from tweets
        where created_at < @cutoff and raw is not null
        order by created_at, id limit @batch
        for update skip locked
        """;

    /// <summary>
    /// Retires one batch of up to <paramref name="batchSize"/> signals created before <paramref name="cutoff"/>: locks them,
    /// hands their ids and JSON lines to <paramref name="archive"/>, and only once it returns deletes them (or, for
    /// <see cref="RetiredPart.RawPayload"/>, clears their raw X post), in the same transaction, so a failure before the
    /// commit leaves the rows as they were. Returns how many were retired; 0 when none are left.
    /// </summary>
    public async Task<int> RetireBatchAsync(
        RetiredPart part, DateTimeOffset cutoff, int batchSize,
        Func<IReadOnlyList<string>, IReadOnlyList<string>, CancellationToken, Task> archive, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<string>();
        var lines = new List<string>();
        await using (var command = new NpgsqlCommand(part == RetiredPart.Whole ? OldSignals : OldRawPayloads, connection, transaction))
        {
            command.Parameters.AddWithValue("cutoff", cutoff);
            command.Parameters.AddWithValue("batch", batchSize);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
                lines.Add(reader.GetString(1));
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        await archive(ids, lines, cancellationToken);
        var change = part == RetiredPart.Whole ? "delete from tweets where id = any(@ids)" : "update tweets set raw = null where id = any(@ids)";
        await using (var command = new NpgsqlCommand(change, connection, transaction))
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}

/// <summary>What retention removes of an old signal: the whole row, or only its raw X post.</summary>
public enum RetiredPart
{
    Whole,
    RawPayload,
}
