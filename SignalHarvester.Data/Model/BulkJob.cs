namespace SignalHarvester.Data.Model;

/// <summary>
/// A bulk change to signals (status change or delete), stored so it survives restarts: the target
/// ids are fixed when the job is created and <see cref="Processed"/> is the offset of the next batch.
/// Each batch's changes and this row's progress commit in one transaction, so a resumed job neither
/// repeats nor skips ids. An API replica processes a job while it holds the lease.
/// </summary>
public class BulkJob
{
    public long Id { get; set; }
    /// <summary><see cref="BulkJobKinds"/>: status or delete.</summary>
    public required string Kind { get; set; }
    /// <summary>For a status change: the review status to set (archived, dismissed) or none to clear it.</summary>
    public string? TargetStatus { get; set; }
    /// <summary>The signals to change, in processing order.</summary>
    public string[] SignalIds { get; set; } = [];
    /// <summary><see cref="BulkJobStates"/>: queued, running, completed, cancelled or failed.</summary>
    public required string State { get; set; }
    public int Total { get; set; }
    public int Processed { get; set; }
    public int Succeeded { get; set; }
    /// <summary>Ids that could not be changed (the signal no longer exists).</summary>
    public int Failed { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The replica working on the job, and until when its claim holds; an expired lease may be taken over.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    /// <summary>The lease owner that committed the job's latest batch (or failed it); kept after the job ends, so an operator can tell which replica did the work.</summary>
    public string? ProcessedBy { get; set; }
}
