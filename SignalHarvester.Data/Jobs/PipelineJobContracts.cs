using Hangfire;

namespace SignalHarvester.Data.Jobs;

/// <summary>
/// The worker's pipeline jobs as every service addresses them in Hangfire's storage: one interface per job,
/// shared through this library. The API enqueues and reads runs by these interfaces without referencing the
/// worker; the worker implements them and registers each implementation for its interface, so Hangfire's job
/// activator finds it. A job's retry policy is part of its contract: Hangfire reads it from the stored type.
/// </summary>
public static class PipelineJobContracts
{
    public static readonly PipelineJobContract Signals = new("signals", typeof(ISignalPipelineJob), "signal-pipeline");

    public static readonly PipelineJobContract Discovery = new("discovery", typeof(IDiscoveryPipelineJob), "discovery-pipeline");

    /// <summary>A snapshot export now, outside the signal pipeline's interval (POST /api/v1/snapshots).</summary>
    public static readonly PipelineJobContract Snapshot = new("snapshot", typeof(ISnapshotExportJob));

    public static IReadOnlyList<PipelineJobContract> All { get; } = [Signals, Discovery, Snapshot];
}

/// <summary>
/// A pipeline by its public name (<c>signals</c>, <c>discovery</c>), the interface its job is stored under, and
/// the id of the recurring job that runs it on a schedule (none for a job that only runs on demand).
/// </summary>
public sealed record PipelineJobContract(string Pipeline, Type JobType, string? RecurringJobId = null);

/// <summary>The signal pipeline: harvest → classify → score → notify → snapshot.</summary>
// Retries come soon (a database restart or an upstream hiccup is usually over within seconds) and stop before the next
// scheduled run (every 5 minutes) would repeat them; Hangfire's default waits up to a minute and a quarter before the first.
[AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 30, 90], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public interface ISignalPipelineJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>The discovery pipeline: fetch every source, then classify, resolve, score and relate.</summary>
// Soon after a failure (a database restart is usually over within seconds), then once more a few minutes later.
[AutomaticRetry(Attempts = 2, DelaysInSeconds = [10, 120], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public interface IDiscoveryPipelineJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>A snapshot export on demand.</summary>
[AutomaticRetry(Attempts = 1, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public interface ISnapshotExportJob
{
    Task RunAsync(CancellationToken cancellationToken);
}
