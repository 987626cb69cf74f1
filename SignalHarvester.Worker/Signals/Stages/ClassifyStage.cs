using Npgsql;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Signals.Stages;

/// <summary>
/// Classify: every stored post without a category gets one (LLM or heuristic; the classifier falls
/// back to the heuristic itself and says so). Idempotent: classified posts are not touched again.
/// </summary>
public sealed class ClassifyStage(
    NpgsqlDataSource dataSource,
    ISignalClassifier classifier,
    SourceStatusStore status,
    SourceSettings sources,
    SignalPipelineMetrics metrics,
    ILogger<ClassifyStage> logger)
{
    private const int BatchSize = 200;
    private const int Parallelism = 4;

    private const string SelectUnclassified = """
        select id, text, author_username, like_count, retweet_count, reply_count, quote_count
        from tweets where category is null order by created_at desc limit @limit
        """;

    private const string SaveClassification = """
        update tweets set category = @category, sentiment = @sentiment, urgency = @urgency, tags = @tags,
            reasoning = @reasoning, classified_by = @classified_by, classification_fallback = @fallback, updated_at = now()
        where id = @id and category is null
        """;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (total, fallbacks) = (0, 0);
        while (true)
        {
            var posts = await LoadUnclassifiedAsync(cancellationToken);
            if (posts.Count == 0)
            {
                break;
            }

            var classified = new SignalClassification[posts.Count];
            await Parallel.ForAsync(0, posts.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, token) => classified[i] = await classifier.ClassifyAsync(posts[i], token));

            await SaveAsync(posts, classified, cancellationToken);
            foreach (var classification in classified)
            {
                metrics.PostClassified(classification.ClassifiedBy, classification.Fallback);
                fallbacks += classification.Fallback ? 1 : 0;
            }

            total += posts.Count;
            if (posts.Count < BatchSize)
            {
                break;
            }
        }

        logger.LogInformation("Classified {Count} posts", total);
        await RecordAsync(total, fallbacks, cancellationToken);
        return total;
    }

    // The LLM's run as its status shows it; an LLM that is off (the heuristic runs on its own) has no runs.
    private async Task RecordAsync(int total, int fallbacks, CancellationToken cancellationToken)
    {
        var llm = sources.Find(SourceNames.Llm);
        if (total == 0 || llm is null || llm.IsOff)
        {
            return;
        }

        var error = fallbacks == 0 ? null
            : $"{fallbacks} of {total} posts were classified by the keyword heuristic because the model's answer failed (see the worker's log)";
        await status.RecordRunAsync(SourceNames.Llm, total - fallbacks, error, cancellationToken);
    }

    private async Task<List<SignalText>> LoadUnclassifiedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectUnclassified);
        command.Parameters.AddWithValue("limit", BatchSize);
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

    private async Task SaveAsync(List<SignalText> posts, SignalClassification[] classified, CancellationToken cancellationToken)
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
