using Npgsql;

namespace SignalHarvester.Tests.Api;

/// <summary>Plain SQL against the stack's database, for tests that set up or check storage directly.</summary>
internal static class Sql
{
    public static async Task<T> ScalarAsync<T>(NpgsqlConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<T>> ListAsync<T>(NpgsqlConnection db, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static async Task<T> SingleAsync<T>(NpgsqlConnection db, string sql, Func<NpgsqlDataReader, T> read) =>
        Assert.Single(await ListAsync(db, sql, read));
}
