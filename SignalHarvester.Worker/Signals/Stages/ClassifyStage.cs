using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Signals.Stages;

/// <summary>
/// Classify: every stored post without a category gets one (LLM or heuristic; the classifier falls
/// back to the heuristic itself and says so). Idempotent: classified posts are not touched again.
/// </summary>
public sealed class ClassifyStage(
    SignalStore store,
    ISignalClassifier classifier,
    SourceStatusStore status,
    SourceSettings sources,
    SignalPipelineMetrics metrics,
    ILogger<ClassifyStage> logger)
{
    private const int BatchSize = 200;
    private const int Parallelism = 4;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (total, fallbacks) = (0, 0);
        while (true)
        {
            var posts = await store.UnclassifiedAsync(BatchSize, cancellationToken);
            if (posts.Count == 0)
            {
                break;
            }

            var classified = new SignalClassification[posts.Count];
            await Parallel.ForAsync(0, posts.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, token) => classified[i] = await classifier.ClassifyAsync(posts[i], token));

            await store.SaveClassificationsAsync(posts, classified, cancellationToken);
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
}
