using Npgsql;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Benchmarks;

/// <summary>The original system's storage: one INSERT … ON CONFLICT per post, then the cursor, in one transaction per page.</summary>
internal static class RowByRow
{
    public static async Task StoreAsync(NpgsqlDataSource dataSource, string query, IReadOnlyList<XPost> posts)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var post in posts)
        {
            await using var command = new NpgsqlCommand("""
                insert into tweets (id, text, author_id, author_username, author_name, lang, created_at, conversation_id,
                    like_count, retweet_count, reply_count, quote_count, matched_queries, raw, tags,
                    classification_fallback, notify_attempts, inserted_at, updated_at)
                values (@id, @text, @author_id, @username, @name, @lang, @created_at, @conversation_id,
                    @likes, @retweets, @replies, @quotes, array[@query], @raw::jsonb, '{}', false, 0, now(), now())
                on conflict (id) do update set
                    like_count = greatest(tweets.like_count, excluded.like_count),
                    retweet_count = greatest(tweets.retweet_count, excluded.retweet_count),
                    reply_count = greatest(tweets.reply_count, excluded.reply_count),
                    quote_count = greatest(tweets.quote_count, excluded.quote_count),
                    raw = excluded.raw, updated_at = now()
                """, connection, transaction);
            command.Parameters.AddWithValue("id", post.Id);
            command.Parameters.AddWithValue("text", post.Text);
            command.Parameters.AddWithValue("author_id", (object?)post.AuthorId ?? DBNull.Value);
            command.Parameters.AddWithValue("username", (object?)post.AuthorUsername ?? DBNull.Value);
            command.Parameters.AddWithValue("name", (object?)post.AuthorName ?? DBNull.Value);
            command.Parameters.AddWithValue("lang", (object?)post.Lang ?? DBNull.Value);
            command.Parameters.AddWithValue("created_at", post.CreatedAt);
            command.Parameters.AddWithValue("conversation_id", (object?)post.ConversationId ?? DBNull.Value);
            command.Parameters.AddWithValue("likes", post.LikeCount);
            command.Parameters.AddWithValue("retweets", post.RetweetCount);
            command.Parameters.AddWithValue("replies", post.ReplyCount);
            command.Parameters.AddWithValue("quotes", post.QuoteCount);
            command.Parameters.AddWithValue("query", query);
            command.Parameters.AddWithValue("raw", post.RawJson);
            await command.ExecuteNonQueryAsync();
        }

        await using (var cursor = new NpgsqlCommand(
            "insert into cursors (query_name, updated_at) values (@query, now()) on conflict (query_name) do update set updated_at = now()",
            connection, transaction))
        {
            cursor.Parameters.AddWithValue("query", query);
            await cursor.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
