using Npgsql;

namespace SignalHarvester.Data.Statistics;

/// <summary>
/// How a 0..100 value is spread: its count, mean and percentiles, and how many values fall in each of
/// <c>bins</c> equal bins (bin 1 starts at 0; 100 belongs to the last bin). Computed by PostgreSQL.
/// </summary>
public sealed record ValueDistribution(int Count, double? Mean, double? P50, double? P90, double? P99, IReadOnlyDictionary<int, int> BinCounts)
{
    /// <summary>
    /// The distribution of the <c>value</c> column of <paramref name="valuesSql"/> (a query its owner writes, never
    /// text from a request), with <paramref name="parameters"/> bound to it.
    /// </summary>
    public static async Task<ValueDistribution> ReadAsync(
        NpgsqlDataSource dataSource, string valuesSql, int bins, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        // width_bucket puts 100 in bin bins+1; least() folds it into the last bin.
        var counts = new Dictionary<int, int>();
        await using (var command = Command(dataSource, $"""
            with v as ({valuesSql})
            select least(width_bucket(value, 0, 100, @bins), @bins) as bin, count(*)::int from v group by bin order by bin
            """, parameters))
        {
            command.Parameters.AddWithValue("bins", bins);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetInt32(0)] = reader.GetInt32(1);
            }
        }

        await using (var command = Command(dataSource, $"""
            with v as ({valuesSql})
            select count(*)::int, avg(value),
                   percentile_cont(0.5) within group (order by value),
                   percentile_cont(0.9) within group (order by value),
                   percentile_cont(0.99) within group (order by value)
            from v
            """, parameters))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new ValueDistribution(reader.GetInt32(0), Number(reader, 1), Number(reader, 2), Number(reader, 3), Number(reader, 4), counts);
        }
    }

    private static NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static double? Number(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
