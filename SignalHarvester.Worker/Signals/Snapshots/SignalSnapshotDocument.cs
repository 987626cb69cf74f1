namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>The JSON file's shape: <c>{ "taken_at": ..., "count": n, "signals": [ ... ] }</c>.</summary>
internal sealed record SignalSnapshotDocument(DateTimeOffset TakenAt, int Count, IReadOnlyList<SignalExportRow> Signals);
