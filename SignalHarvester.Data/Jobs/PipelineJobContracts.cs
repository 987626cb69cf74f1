namespace SignalHarvester.Data.Jobs;

/// <summary>
/// The worker's pipeline jobs as other services address them in Hangfire's storage: the type name
/// Hangfire serialises (simple assembly name) and the method it invokes, <c>RunAsync(CancellationToken)</c>.
/// Services that only enqueue (the API) use these names instead of referencing the worker; a test
/// checks they match the worker's classes.
/// </summary>
public static class PipelineJobContracts
{
    public const string MethodName = "RunAsync";

    public static readonly PipelineJobContract Signals = new("signals", "SignalHarvester.Worker.Signals.SignalPipelineJob, SignalHarvester.Worker", "signal-pipeline");

    public static readonly PipelineJobContract Discovery = new("discovery", "SignalHarvester.Worker.Discovery.DiscoveryPipelineJob, SignalHarvester.Worker", "discovery-pipeline");

    /// <summary>A snapshot export now, outside the signal pipeline's interval (POST /api/v1/snapshots).</summary>
    public static readonly PipelineJobContract Snapshot = new("snapshot", "SignalHarvester.Worker.Signals.Snapshots.SnapshotExportJob, SignalHarvester.Worker");

    public static IReadOnlyList<PipelineJobContract> All { get; } = [Signals, Discovery, Snapshot];
}

/// <summary>
/// A pipeline by its public name (<c>signals</c>, <c>discovery</c>), the worker's job type name, and
/// the id of the recurring job that runs it on a schedule (none for a job that only runs on demand).
/// </summary>
public sealed record PipelineJobContract(string Pipeline, string WorkerTypeName, string? RecurringJobId = null);
