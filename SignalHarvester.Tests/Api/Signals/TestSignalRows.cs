using System.Globalization;
using Aspire.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace SignalHarvester.Tests.Api.Signals;

/// <summary>Signals a test inserts for itself (unique ids, its own source name), so mutating tests never touch others' rows.</summary>
internal static class TestSignalRows
{
    /// <summary>A fresh X-post-like id: digits only, unique per call.</summary>
    public static string NewId() => "7" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>A source (matched query) name no other test uses: <c>?source=</c> and bulk filters select exactly these rows.</summary>
    public static string NewSource(string purpose) => $"test-{purpose}-{Guid.NewGuid():N}";

    /// <summary>
    /// Inserts <paramref name="count"/> unclassified signals under <paramref name="source"/>, then evicts the stack's
    /// cached signal responses as an operator would after SQL; returns their ids in id order.
    /// </summary>
    public static async Task<string[]> InsertAsync(DistributedApplication app, NpgsqlConnection db, string source, int count)
    {
        var stem = NewId()[..12];
        string[] ids = [.. Enumerable.Range(0, count).Select(i => stem + i.ToString("D5", CultureInfo.InvariantCulture))];
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO tweets (id, text, created_at, like_count, retweet_count, reply_count, quote_count, matched_queries, tags,
                                classification_fallback, notify_attempts, inserted_at, updated_at)
            SELECT id, 'test signal ' || id, now(), 0, 0, 0, 0, ARRAY[$2], '{}', false, 0, now(), now() FROM unnest($1) AS id
            """, db);
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
        Assert.Equal(count, await insert.ExecuteNonQueryAsync());
        await app.InvalidateSignalsAsync();
        return ids;
    }

    /// <summary>Deletes the signals, then evicts the stack's cached signal responses.</summary>
    public static async Task DeleteAsync(DistributedApplication app, NpgsqlConnection db, IReadOnlyCollection<string> ids)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM tweets WHERE id = ANY($1)", db);
        delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await delete.ExecuteNonQueryAsync();
        await app.InvalidateSignalsAsync();
    }

    /// <summary>How many of the ids exist, and how many of those carry the review status (null: none).</summary>
    public static async Task<(long Existing, long WithStatus)> CountAsync(NpgsqlConnection db, IReadOnlyCollection<string> ids, string? reviewStatus)
    {
        await using var count = new NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE review_status IS NOT DISTINCT FROM $2) FROM tweets WHERE id = ANY($1)", db);
        count.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        count.Parameters.Add(new NpgsqlParameter { Value = (object?)reviewStatus ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        await using var reader = await count.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
