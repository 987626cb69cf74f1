using Npgsql;
using NpgsqlTypes;

namespace SignalHarvester.Data.Signals;

public sealed partial class SignalStore
{
    /// <summary>Deletes the signals with these ids in the caller's transaction; returns how many existed.</summary>
    public static async Task<int> DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM tweets WHERE id = ANY($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets (or, with null, clears) the review status of these signals in the caller's transaction; returns how many existed.</summary>
    public static async Task<int> SetReviewStatusAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] ids, string? reviewStatus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE tweets SET review_status = $2, updated_at = $3 WHERE id = ANY($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)reviewStatus ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
