namespace SignalHarvester.Api.BulkJobs;

/// <summary>How bulk signal jobs are accepted and processed; bound from <c>Api:BulkJobs</c>.</summary>
public sealed class BulkJobOptions
{
    public const string SectionName = "Api:BulkJobs";

    /// <summary>At most this many signals per job (ids given, or matched by a filter).</summary>
    public int MaxIds { get; set; } = 10_000;

    /// <summary>Signals changed per transaction; each batch commits together with the job's progress.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Throttling: a pause after each batch, so a large job does not monopolise the database.</summary>
    public int PauseBetweenBatchesMilliseconds { get; set; }

    /// <summary>How often an idle replica looks for a job to claim.</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How long a claim holds without progress; after that another replica (or a restarted one) takes the job over.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// Tests only (unset in every deployment): while this file exists, a processor holds a job after its current batch,
    /// keeping the lease, so a test can see a job mid-way without racing its pace; deleting the file lets it go on.
    /// </summary>
    public string? HoldFile { get; set; }

    /// <summary>How often the progress stream (Server-Sent Events) looks at the job.</summary>
    public int ProgressIntervalMilliseconds { get; set; } = 250;
}
