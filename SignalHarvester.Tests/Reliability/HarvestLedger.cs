using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SignalHarvester.Tests.Fakes;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// What a harvest left in PostgreSQL for a set of posts the fake X served: how many rows each id has, their engagement,
/// and the query's cursor, with the invariants every fault test checks (stored exactly once, no cursor past an unstored post).
/// </summary>
public sealed record HarvestLedger(IReadOnlyDictionary<string, (long Rows, int Likes)> Stored, string? SinceId, string? PendingNewestId, string? PaginationToken)
{
    public static async Task<HarvestLedger> ReadAsync(NpgsqlConnection db, string queryName, IEnumerable<string> ids)
    {
        var stored = new Dictionary<string, (long, int)>();
        await using (var rows = new NpgsqlCommand("select id, count(*), max(like_count) from tweets where id = any($1) group by id", db))
        {
            rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2));
            }
        }

        await using var cursor = new NpgsqlCommand(
            "select since_id, pending_newest_id, pagination_token from cursors where query_name = $1 and origin = 'live'", db);
        cursor.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queryName });
        await using var row = await cursor.ExecuteReaderAsync();
        return await row.ReadAsync()
            ? new HarvestLedger(stored, Text(row, 0), Text(row, 1), Text(row, 2))
            : new HarvestLedger(stored, null, null, null);
    }

    /// <summary>No id has more than one row.</summary>
    public void AssertNoDuplicates() =>
        Assert.All(Stored, s => Assert.True(s.Value.Rows == 1, $"post {s.Key} stored {s.Value.Rows} times"));

    /// <summary>
    /// No cursor passes an unstored post: every post of <paramref name="served"/> at or below <c>since_id</c> is stored, and
    /// so is every post between where a paused harvest resumes (its pagination token) and its pending newest id.
    /// </summary>
    public void AssertCursorBehindStored(IEnumerable<string> served)
    {
        var since = Id(SinceId);
        var resumeBelow = PaginationToken is null ? null : FakeXApi.DecodeToken(PaginationToken);
        var pendingNewest = Id(PendingNewestId);
        foreach (var id in served)
        {
            var value = long.Parse(id, CultureInfo.InvariantCulture);
            var passed = value <= since || (resumeBelow is { } below && value >= below && value <= pendingNewest);
            Assert.False(passed && !Stored.ContainsKey(id), $"the cursor (since {SinceId}, pending {PendingNewestId}, token {PaginationToken}) passed post {id}, which is not stored");
        }
    }

    public override string ToString() =>
        $"{Stored.Count} stored, cursor since {SinceId ?? "-"} pending {PendingNewestId ?? "-"} token {PaginationToken ?? "-"}";

    private static long Id(string? id) => id is null ? 0 : long.Parse(id, CultureInfo.InvariantCulture);

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
