using Npgsql;
using SignalHarvester.Data.Caching;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Worker.Jobs;
using SignalHarvester.Worker.Signals.Snapshots;
using SignalHarvester.Worker.Signals.Stages;

namespace SignalHarvester.Worker.Signals;

/// <summary>
/// The signal pipeline as one Hangfire job: harvest → classify → score → notify → snapshot. Each
/// stage is idempotent and runs even when an earlier one failed (stored posts still get classified,
/// scored and notified); the job fails at the end if any stage did, so Hangfire retries it. One run at a time
/// (<see cref="PipelineLock"/>). After each stage that changes posts, the API's cached signal responses are evicted,
/// so new posts are readable before a slow classification ends.
/// </summary>
public sealed class SignalPipelineJob(
    NpgsqlDataSource dataSource,
    HarvestStage harvest,
    ClassifyStage classify,
    ScoreStage score,
    NotifyStage notify,
    SnapshotStage snapshot,
    SignalsChanged signalsChanged,
    SignalPipelineMetrics metrics,
    ILogger<SignalPipelineJob> logger) : ISignalPipelineJob
{
    public static readonly string RecurringJobId = PipelineJobContracts.Signals.RecurringJobId!;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var exclusive = await PipelineLock.AcquireAsync(dataSource, RecurringJobId, cancellationToken);
        using var run = new PipelineRun("signal pipeline", SignalPipelineMetrics.ActivitySource, metrics.StageCompleted, logger);
        await ChangingStageAsync(run, "harvest", () => harvest.RunAsync(cancellationToken));
        await ChangingStageAsync(run, "classify", () => classify.RunAsync(cancellationToken));
        await ChangingStageAsync(run, "score", () => score.RunAsync(cancellationToken));
        await ChangingStageAsync(run, "notify", () => notify.RunAsync(cancellationToken));
        await run.StageAsync("snapshot", () => snapshot.RunAsync(cancellationToken));
        run.Complete(metrics.RunCompleted);
    }

    // Evicts even after a failed stage: it may have committed part of its work.
    private async Task ChangingStageAsync<T>(PipelineRun run, string stage, Func<Task<T>> body)
    {
        await run.StageAsync(stage, body);
        await signalsChanged.EvictAsync();
    }
}
