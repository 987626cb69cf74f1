using System.Diagnostics;

namespace SignalHarvester.Worker.Jobs;

/// <summary>
/// One run of a pipeline: each stage in its own activity, timed and recorded; a failing stage is
/// logged and the next stage still runs; <see cref="Complete"/> fails the run if any stage failed,
/// so Hangfire retries it.
/// </summary>
public sealed class PipelineRun(string pipeline, ActivitySource activities, Action<string, TimeSpan, bool> recordStage, ILogger logger) : IDisposable
{
    private readonly Activity? run = activities.StartActivity(pipeline);
    private readonly List<Exception> failures = [];

    public async Task StageAsync<T>(string stage, Func<Task<T>> body)
    {
        using var activity = activities.StartActivity(stage);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await body();
            activity?.SetTag("result", result?.ToString());
            recordStage(stage, Stopwatch.GetElapsedTime(started), true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Add(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            recordStage(stage, Stopwatch.GetElapsedTime(started), false);
            logger.LogError(e, "{Pipeline} stage {Stage} failed", pipeline, stage);
        }
    }

    /// <summary>Ends the run: reports its outcome and throws when a stage failed.</summary>
    public void Complete(Action<bool> recordRun)
    {
        recordRun(failures.Count == 0);
        if (failures.Count > 0)
        {
            run?.SetStatus(ActivityStatusCode.Error);
            throw new AggregateException($"{pipeline} stages failed: {string.Join("; ", failures.Select(f => f.Message))}", failures);
        }
    }

    public void Dispose() => run?.Dispose();
}
