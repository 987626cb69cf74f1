using Npgsql;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Data.Signals;

public sealed partial class SignalStore
{
    private const string SelectUnclassified = """
        select id, text, author_username, like_count, retweet_count, reply_count, quote_count
        from tweets where category is null order by created_at desc limit @limit
        """;

    private const string SaveClassification = """
        update tweets set category = @category, sentiment = @sentiment, urgency = @urgency, tags = @tags,
            reasoning = @reasoning, classified_by = @classified_by, classification_fallback = @fallback, updated_at = now()
        where id = @id and category is null
        """;

    /// <summary>Up to <paramref name="limit"/> signals without a category, newest first.</summary>
    public async Task<List<SignalText>> UnclassifiedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectUnclassified);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var posts = new List<SignalText>();
        while (await reader.ReadAsync(cancellationToken))
        {
            posts.Add(new SignalText(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)));
        }

        return posts;
    }

    /// <summary>Saves each post's classification in one round trip; a post classified meanwhile is left as it is.</summary>
    public async Task SaveClassificationsAsync(IReadOnlyList<SignalText> posts, IReadOnlyList<SignalClassification> classified, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        for (var i = 0; i < posts.Count; i++)
        {
            var c = classified[i];
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SaveClassification)
            {
                Parameters =
                {
                    new("id", posts[i].Id),
                    new("category", c.Category.ToStorageName()),
                    new("sentiment", c.Sentiment.ToStorageName()),
                    new("urgency", c.Urgency),
                    new("tags", c.Tags.ToArray()),
                    new("reasoning", c.Reasoning),
                    new("classified_by", c.ClassifiedBy),
                    new("fallback", c.Fallback),
                },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
