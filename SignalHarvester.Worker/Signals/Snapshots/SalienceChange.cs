namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>A signal present in both snapshots whose salience differs (null means not scored).</summary>
public sealed record SalienceChange(string Id, double? Old, double? New);
