namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>The outcome of one export: the data files written (one per format) and the diff against the previous snapshot.</summary>
public sealed record SnapshotExport(DateTimeOffset TakenAt, IReadOnlyList<SnapshotFile> Files, SnapshotDiff Diff)
{
    public string Stamp => SnapshotNaming.Stamp(TakenAt);
}
