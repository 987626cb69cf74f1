using System.Diagnostics;
using Hangfire;
using SignalHarvester.Worker.Signals.Stages;

namespace SignalHarvester.Worker.Signals;

/// <summary>
/// The signal pipeline as one Hangfire job: harvest → classify → score → notify → snapshot. Each
/// stage is idempotent and runs even when an earlier one failed (stored posts still get classified,
/// scored and notified); the job fails at the end if any stage did, so Hangfire retries it.
/// </summary>
[AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class SignalPipelineJob(
    HarvestStage harvest,
    ClassifyStage classify,
    ScoreStage score,
    NotifyStage notify,
    SnapshotStage snapshot,
    SignalPipelineMetrics metrics,
    ILogger<SignalPipelineJob> logger)
{
    public const string RecurringJobId = "signal-pipeline";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var run = SignalPipelineMetrics.ActivitySource.StartActivity("signal pipeline");
        var failures = new List<Exception>();
        await StageAsync("harvest", () => harvest.RunAsync(cancellationToken), failures);
        await StageAsync("classify", () => classify.RunAsync(cancellationToken), failures);
        await StageAsync("score", () => score.RunAsync(cancellationToken), failures);
        await StageAsync("notify", () => notify.RunAsync(cancellationToken), failures);
        await StageAsync("snapshot", () => snapshot.RunAsync(cancellationToken), failures);

        metrics.RunCompleted(failures.Count == 0);
        if (failures.Count > 0)
        {
            run?.SetStatus(ActivityStatusCode.Error);
            throw new AggregateException("Signal pipeline stages failed: " + string.Join("; ", failures.Select(f => f.Message)), failures);
        }
    }

    private async Task StageAsync<T>(string stage, Func<Task<T>> body, List<Exception> failures)
    {
        using var activity = SignalPipelineMetrics.ActivitySource.StartActivity(stage);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await body();
            activity?.SetTag("result", result?.ToString());
            metrics.StageCompleted(stage, Stopwatch.GetElapsedTime(started), success: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Add(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            metrics.StageCompleted(stage, Stopwatch.GetElapsedTime(started), success: false);
            logger.LogError(e, "Signal pipeline stage {Stage} failed", stage);
        }
    }
}
