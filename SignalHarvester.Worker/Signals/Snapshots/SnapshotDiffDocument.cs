namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>The <c>signals-{stamp}.diff.json</c> file's shape.</summary>
internal sealed record SnapshotDiffDocument(
    DateTimeOffset TakenAt,
    string? PreviousStamp,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<SalienceChange> Changed)
{
    public static SnapshotDiffDocument From(DateTimeOffset takenAt, SnapshotDiff diff) =>
        new(takenAt, diff.PreviousStamp, diff.Added, diff.Removed, diff.Changed);
}
