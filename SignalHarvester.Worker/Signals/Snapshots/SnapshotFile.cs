namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>A written data file. <paramref name="Sha256"/> is lower-case hex of the bytes on disk (the gzip when gzipped).</summary>
public sealed record SnapshotFile(string Format, string Path, long SizeBytes, string Sha256);
