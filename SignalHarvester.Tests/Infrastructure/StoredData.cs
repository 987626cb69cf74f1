using Npgsql;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>What the application has stored: per table of the <c>public</c> schema, its row count and a digest of its rows.</summary>
public static class StoredData
{
    public static async Task<IReadOnlyDictionary<string, string>> FingerprintAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select quote_ident(table_name) from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var fingerprint = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var digest = new NpgsqlCommand(
                $"select count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '-') from public.{table} t", connection);
            fingerprint[table] = (string)(await digest.ExecuteScalarAsync())!;
        }

        return fingerprint;
    }
}
