namespace SignalHarvester.MigrationService.Schema;

/// <summary>Everything the model expects that the live schema lacks or has differently, one readable line each.</summary>
internal static class SchemaDrift
{
    public static IReadOnlyList<string> Find(SchemaShape model, SchemaShape live)
    {
        var differences = new List<string>();
        foreach (var (table, columns) in model.Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!live.Tables.TryGetValue(table, out var liveColumns))
            {
                differences.Add($"missing table {table}");
                continue;
            }

            foreach (var (column, type) in columns.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                if (!liveColumns.TryGetValue(column, out var liveType))
                {
                    differences.Add($"missing column {table}.{column}");
                }
                else if (liveType != type)
                {
                    differences.Add($"column {table}.{column} is {liveType}, the model says {type}");
                }
            }
        }

        differences.AddRange(model.Indexes.Except(live.Indexes).Order(StringComparer.Ordinal).Select(i => $"missing index {i}"));
        differences.AddRange(model.Constraints.Except(live.Constraints).Order(StringComparer.Ordinal).Select(c => $"missing constraint {c}"));
        return differences;
    }
}
