namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// Signal ids added, removed and with a changed salience since the previous snapshot (<paramref name="PreviousStamp"/>;
/// null when there was none, and then every id is added). Ordered as in the snapshot they come from.
/// </summary>
public sealed record SnapshotDiff(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<SalienceChange> Changed,
    string? PreviousStamp);
