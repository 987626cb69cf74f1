namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>The signals of the snapshot a new one is compared with.</summary>
internal sealed record PreviousSnapshot(string Stamp, IReadOnlyList<SnapshotSignalKey> Signals);
