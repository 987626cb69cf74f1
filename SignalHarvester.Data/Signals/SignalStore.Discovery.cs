using System.Runtime.CompilerServices;

namespace SignalHarvester.Data.Signals;

public sealed partial class SignalStore
{
    private const string SelectMostEngaged = """
        select id, text, author_username, author_name, created_at, raw::text, origin
        from tweets
        where created_at >= @since
        order by like_count + 3 * retweet_count + 2 * reply_count + 2.5 * quote_count desc, id
        limit @limit
        """;

    /// <summary>The <paramref name="limit"/> most engaged signals created since <paramref name="since"/>: what discovery takes from X.</summary>
    public async IAsyncEnumerable<EngagedSignal> MostEngagedAsync(DateTimeOffset since, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectMostEngaged);
        command.Parameters.AddWithValue("since", since == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : since);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new EngagedSignal(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6));
        }
    }
}

/// <summary>A stored signal as discovery reads it; <paramref name="RawJson"/> is null once retention cleared it.</summary>
public sealed record EngagedSignal(
    string Id, string Text, string? AuthorUsername, string? AuthorName, DateTimeOffset CreatedAt, string? RawJson, string Origin);
