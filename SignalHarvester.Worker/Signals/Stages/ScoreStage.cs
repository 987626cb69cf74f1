using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.Stages;

/// <summary>
/// Score: salience for every classified post that was never scored or changed since (engagement
/// grew, reclassified), and for recent posts whose age decay moved their salience since the last run.
/// Deterministic for the same inputs and clock; written back in one statement per batch.
/// </summary>
public sealed class ScoreStage(
    SignalStore store,
    SalienceCalculator salience,
    TimeProvider clock,
    SignalPipelineMetrics metrics,
    ILogger<ScoreStage> logger)
{
    private const int BatchSize = 5000;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var total = 0;
        var after = "";
        while (true)
        {
            var (ids, inputs) = await store.StaleSalienceAsync(now, after, BatchSize, cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            var scores = inputs.Select(input => salience.Calculate(input, now)).ToArray();
            await store.SaveSaliencesAsync(ids, scores, now, cancellationToken);

            total += ids.Count;
            after = ids[^1];
            if (ids.Count < BatchSize)
            {
                break;
            }
        }

        metrics.PostsScored(total);
        logger.LogInformation("Scored {Count} posts", total);
        return total;
    }
}
