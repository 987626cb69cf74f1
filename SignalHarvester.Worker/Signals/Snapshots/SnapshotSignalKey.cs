namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>What the diff needs from a signal of an earlier snapshot; other properties in the file are ignored.</summary>
internal sealed record SnapshotSignalKey(string Id, double? Salience);
