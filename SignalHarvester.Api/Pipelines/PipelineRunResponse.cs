
namespace SignalHarvester.Api.Pipelines;

/// <summary>
/// A pipeline run (a Hangfire job on the worker): its state — Enqueued, Processing, Succeeded,
/// Failed (or Scheduled for a retry, Deleted) — the times it reached each, and the error of a failure.
/// </summary>
public sealed record PipelineRunResponse(
    string Id,
    string? Pipeline,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EnqueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    string Status)
{
    private static readonly string[] Finished = ["Succeeded", "Failed", "Deleted"];

    public static PipelineRunResponse From(PipelineRunState run, string statusUrl)
    {
        DateTimeOffset? At(params string[] states) =>
            run.History.LastOrDefault(h => states.Contains(h.StateName)) is { } h ? new DateTimeOffset(DateTime.SpecifyKind(h.CreatedAt, DateTimeKind.Utc)) : null;

        var failure = run.History.LastOrDefault(h => h.StateName == "Failed");
        string? error = null;
        if (run.State == "Failed" || run.State == "Scheduled")
        {
            error = failure?.Data is { } data && data.TryGetValue("ExceptionMessage", out var message) ? message : failure?.Reason;
        }

        return new PipelineRunResponse(
            run.JobId,
            run.Pipeline,
            run.State,
            new DateTimeOffset(DateTime.SpecifyKind(run.CreatedAt, DateTimeKind.Utc)),
            At("Enqueued"),
            At("Processing"),
            Finished.Contains(run.State) ? At(Finished) : null,
            error,
            statusUrl);
    }
}
