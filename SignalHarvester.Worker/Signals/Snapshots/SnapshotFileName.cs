namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>A parsed snapshot file name. <paramref name="Kind"/> is what follows the stamp: <c>ndjson.gz</c>, <c>csv</c>, <c>sha256</c>, <c>diff.json</c>.</summary>
public readonly record struct SnapshotFileName(string Stamp, DateTimeOffset TakenAt, string Kind)
{
    public bool IsGzipped => Kind.EndsWith(SnapshotNaming.GzipSuffix, StringComparison.Ordinal);

    /// <summary>The data format (<c>json</c>, <c>ndjson</c>, <c>csv</c>), or null for the manifest and the diff.</summary>
    public string? DataFormat
    {
        get
        {
            var format = IsGzipped ? Kind[..^SnapshotNaming.GzipSuffix.Length] : Kind;
            return SnapshotFormats.All.Contains(format) ? format : null;
        }
    }
}
