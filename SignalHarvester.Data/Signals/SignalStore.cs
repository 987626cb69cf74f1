using Npgsql;
using NpgsqlTypes;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Data.Signals;

/// <summary>
/// The one owner of the SQL of the <c>tweets</c> table (the signals): the pipelines and the API call it,
/// nothing else writes SQL for that table (EF Core reads go through <see cref="HarvestDbContext.Signals"/>).
/// One file per concern: this one stores harvested pages; classification, salience, notification claims,
/// review changes, retention and statistics follow in the other parts.
/// </summary>
/// <remarks>
/// A page and its query's cursor are stored in the same transaction, so a crash can never leave the cursor
/// past posts that were not stored (only past posts the database refused, which are reported as skipped).
/// A page is bulk-loaded with binary COPY into a temporary table, then merged with one INSERT … ON CONFLICT.
/// </remarks>
public sealed partial class SignalStore(NpgsqlDataSource dataSource)
{
    private const string CreateBatchTable = """
        create temp table tweet_batch (
            id text primary key, text text not null, author_id text, author_username text, author_name text,
            lang text, created_at timestamptz not null, conversation_id text,
            like_count int not null, retweet_count int not null, reply_count int not null, quote_count int not null,
            raw jsonb not null
        ) on commit drop
        """;

    // Engagement only ever grows (a late, stale page must not lower it); matched query names are merged;
    // updated_at moves only when something changed, which is what tells the scorer to recompute.
    // A row of the other origin (a hand-made signal given a sample's id) is never overwritten.
    private const string Merge = """
        insert into tweets (id, origin, text, author_id, author_username, author_name, lang, created_at, conversation_id,
                            like_count, retweet_count, reply_count, quote_count, matched_queries, raw, tags,
                            classification_fallback, notify_attempts, inserted_at, updated_at)
        select id, @origin, text, author_id, author_username, author_name, lang, created_at, conversation_id,
               like_count, retweet_count, reply_count, quote_count, array[@query], raw, '{}', false, 0, now(), now()
        from tweet_batch
        on conflict (id) do update set
            text = excluded.text,
            author_username = coalesce(excluded.author_username, tweets.author_username),
            author_name = coalesce(excluded.author_name, tweets.author_name),
            like_count = greatest(tweets.like_count, excluded.like_count),
            retweet_count = greatest(tweets.retweet_count, excluded.retweet_count),
            reply_count = greatest(tweets.reply_count, excluded.reply_count),
            quote_count = greatest(tweets.quote_count, excluded.quote_count),
            matched_queries = case when @query = any(tweets.matched_queries) then tweets.matched_queries
                                   else tweets.matched_queries || @query end,
            raw = excluded.raw,
            updated_at = case
                when excluded.like_count > tweets.like_count or excluded.retweet_count > tweets.retweet_count
                  or excluded.reply_count > tweets.reply_count or excluded.quote_count > tweets.quote_count
                  or not @query = any(tweets.matched_queries)
                then now() else tweets.updated_at end
            where tweets.origin = excluded.origin
        """;

    private const string SaveCursor = """
        insert into cursors (query_name, origin, since_id, pending_newest_id, pagination_token, updated_at)
        values (@query, @origin, @since_id, @pending_newest_id, @pagination_token, now())
        on conflict (query_name, origin) do update set
            since_id = excluded.since_id, pending_newest_id = excluded.pending_newest_id,
            pagination_token = excluded.pagination_token, updated_at = now()
        """;

    /// <summary>Where the harvest of <paramref name="queryName"/> from a source of <paramref name="origin"/> resumes.</summary>
    public async Task<HarvestCursor> LoadCursorAsync(string origin, string queryName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select since_id, pending_newest_id, pagination_token from cursors where query_name = @query and origin = @origin");
        command.Parameters.AddWithValue("query", queryName);
        command.Parameters.AddWithValue("origin", origin);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new HarvestCursor(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2))
            : HarvestCursor.Start;
    }

    /// <summary>
    /// Stores the page's posts (of <paramref name="origin"/>) and saves <paramref name="cursor"/> atomically. Should the
    /// database refuse the page as a whole (a data error, not an outage), each post is stored on its own and those it
    /// refuses are returned as skipped, then the cursor is saved: one bad post no longer stops its query on every run.
    /// </summary>
    public async Task<IReadOnlyList<SkippedPost>> StorePageAsync(string origin, string queryName, IReadOnlyList<XPost> posts, HarvestCursor cursor, CancellationToken cancellationToken)
    {
        try
        {
            await StoreAsync(origin, queryName, posts, cursor, cancellationToken);
            return [];
        }
        catch (PostgresException e) when (!e.IsTransient && posts.Count > 0)
        {
            var skipped = new List<SkippedPost>();
            foreach (var post in posts)
            {
                try
                {
                    await StoreAsync(origin, queryName, [post], cursor: null, cancellationToken);
                }
                catch (PostgresException refused) when (!refused.IsTransient)
                {
                    skipped.Add(new SkippedPost(post.Id, SkippedPost.Refused, $"{refused.SqlState}: {refused.MessageText}"));
                }
            }

            await StoreAsync(origin, queryName, [], cursor, cancellationToken);
            return skipped;
        }
    }

    /// <summary>Posts and, unless null, the cursor in one transaction.</summary>
    private async Task StoreAsync(string origin, string queryName, IReadOnlyList<XPost> posts, HarvestCursor? cursor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (posts.Count > 0)
        {
            await using (var create = new NpgsqlCommand(CreateBatchTable, connection, transaction))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await CopyAsync(connection, posts, cancellationToken);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        if (posts.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Merge) { Parameters = { new("query", queryName), new("origin", origin) } });
        }

        if (cursor is not null)
        {
            batch.BatchCommands.Add(SaveCursorCommand(origin, queryName, cursor));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand SaveCursorCommand(string origin, string queryName, HarvestCursor cursor) =>
        new(SaveCursor)
        {
            Parameters =
            {
                new("query", queryName),
                new("origin", origin),
                new("since_id", (object?)cursor.SinceId ?? DBNull.Value),
                new("pending_newest_id", (object?)cursor.PendingNewestId ?? DBNull.Value),
                new("pagination_token", (object?)cursor.PaginationToken ?? DBNull.Value),
            },
        };

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<XPost> posts, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy tweet_batch (id, text, author_id, author_username, author_name, lang, created_at, conversation_id, " +
            "like_count, retweet_count, reply_count, quote_count, raw) from stdin (format binary)",
            cancellationToken);
        // A page can repeat a post (X does not promise otherwise); the batch table's key keeps the first.
        foreach (var post in posts.DistinctBy(p => p.Id))
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(post.Id, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(post.Text, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, post.AuthorId, cancellationToken);
            await WriteNullableAsync(writer, post.AuthorUsername, cancellationToken);
            await WriteNullableAsync(writer, post.AuthorName, cancellationToken);
            await WriteNullableAsync(writer, post.Lang, cancellationToken);
            await writer.WriteAsync(post.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(writer, post.ConversationId, cancellationToken);
            await writer.WriteAsync(post.LikeCount, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(post.RetweetCount, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(post.ReplyCount, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(post.QuoteCount, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(post.RawJson, NpgsqlDbType.Jsonb, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
