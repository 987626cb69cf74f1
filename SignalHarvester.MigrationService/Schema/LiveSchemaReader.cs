using Npgsql;

namespace SignalHarvester.MigrationService.Schema;

/// <summary>What the database's catalog says the public schema contains.</summary>
internal static class LiveSchemaReader
{
    public static async Task<SchemaShape> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, Dictionary<string, string>>();
        await foreach (var (table, column, type) in QueryAsync(connection, """
            select c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            from pg_attribute a
            join pg_class c on c.oid = a.attrelid
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
            """, cancellationToken))
        {
            if (!tables.TryGetValue(table, out var columns))
            {
                tables[table] = columns = [];
            }

            columns[column] = SchemaShape.NormalizeType(type);
        }

        var indexes = new HashSet<string>();
        await foreach (var (name, _, _) in QueryAsync(connection,
            "select indexname, tablename, '' from pg_indexes where schemaname = 'public'", cancellationToken))
        {
            indexes.Add(name);
        }

        var constraints = new HashSet<string>();
        await foreach (var (name, _, _) in QueryAsync(connection, """
            select con.conname, c.relname, ''
            from pg_constraint con
            join pg_class c on c.oid = con.conrelid
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public'
            """, cancellationToken))
        {
            constraints.Add(name);
        }

        return new SchemaShape(
            tables.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value),
            indexes,
            constraints);
    }

    private static async IAsyncEnumerable<(string, string, string)> QueryAsync(
        NpgsqlConnection connection, string sql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
    }
}
