using SignalHarvester.Data.Jobs;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// A snapshot export on demand (the API's POST /api/v1/snapshots enqueues it under
/// <c>PipelineJobContracts.Snapshot</c>): the signal pipeline's snapshot stage, ignoring its interval.
/// </summary>
public sealed class SnapshotExportJob(SnapshotStage snapshot, ILogger<SnapshotExportJob> logger) : ISnapshotExportJob
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var exported = await snapshot.ExportNowAsync(cancellationToken);
        logger.LogInformation("On-demand snapshot exported {Count} signals", exported);
    }
}
