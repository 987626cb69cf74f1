using System.Globalization;
using Npgsql;

namespace SignalHarvester.Worker.Discovery;

/// <summary>
/// When each discovery source was last fetched successfully in each origin, kept in the <c>cursors</c>
/// table under <c>discovery:&lt;source&gt;</c> (its since_id holds the Unix time in seconds).
/// </summary>
public sealed class DiscoveryFetchCursors(NpgsqlDataSource dataSource)
{
    private static string Key(string source) => $"discovery:{source}";

    public async Task<DateTimeOffset?> LastFetchedAsync(string source, string origin, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select since_id from cursors where query_name = @key and origin = @origin");
        command.Parameters.AddWithValue("key", Key(source));
        command.Parameters.AddWithValue("origin", origin);
        return await command.ExecuteScalarAsync(cancellationToken) is string seconds
            ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(seconds, CultureInfo.InvariantCulture))
            : null;
    }

    public async Task SaveAsync(string source, string origin, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into cursors (query_name, origin, since_id, updated_at) values (@key, @origin, @since, now())
            on conflict (query_name, origin) do update set since_id = excluded.since_id, updated_at = now()
            """);
        command.Parameters.AddWithValue("key", Key(source));
        command.Parameters.AddWithValue("origin", origin);
        command.Parameters.AddWithValue("since", fetchedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
