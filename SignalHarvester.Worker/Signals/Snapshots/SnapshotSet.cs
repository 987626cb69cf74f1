namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>All snapshot files in a directory that share one stamp.</summary>
public sealed record SnapshotSet(string Stamp, DateTimeOffset TakenAt, IReadOnlyList<SnapshotSetFile> Files)
{
    public long TotalBytes => Files.Sum(f => f.SizeBytes);
}

public sealed record SnapshotSetFile(SnapshotFileName Name, string Path, long SizeBytes);
