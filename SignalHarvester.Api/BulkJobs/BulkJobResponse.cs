using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.BulkJobs;

/// <summary>
/// A bulk signal job: what it does (<c>status</c> with the status it sets, or <c>delete</c>), its state
/// (queued, running, completed, cancelled, failed), progress counts (failed = ids that no longer
/// existed), times, the error of a failure, and the URLs of the job and of its progress stream.
/// </summary>
public sealed record BulkJobResponse(
    long Id,
    string Kind,
    string? Status,
    string State,
    int Total,
    int Processed,
    int Succeeded,
    int Failed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset UpdatedAt,
    string? Error,
    string Url,
    string Events)
{
    public static string UrlOf(long id) => $"/api/v1/signals/bulk-jobs/{id}";

    public static BulkJobResponse From(BulkJob job) => new(
        job.Id, job.Kind, job.TargetStatus, job.State, job.Total, job.Processed, job.Succeeded, job.Failed,
        job.CreatedAt, job.StartedAt, job.CompletedAt, job.UpdatedAt, job.Error, UrlOf(job.Id), $"{UrlOf(job.Id)}/events");
}
