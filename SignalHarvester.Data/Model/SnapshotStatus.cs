namespace SignalHarvester.Data.Model;

/// <summary>The states of a <see cref="Snapshot"/> row (the check constraint allows exactly these).</summary>
public static class SnapshotStatus
{
    public const string Processing = "processing";
    public const string Ready = "ready";
    public const string Failed = "failed";
}
