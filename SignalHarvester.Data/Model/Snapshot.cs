namespace SignalHarvester.Data.Model;

/// <summary>An export file of signals (one signal, or a whole top-signals export) and its state.</summary>
public class Snapshot
{
    public long Id { get; set; }
    /// <summary>The signal (tweet) this snapshot is of; null for a snapshot of a whole export.</summary>
    public string? SignalId { get; set; }
    /// <summary>processing, ready or failed.</summary>
    public required string Status { get; set; }
    /// <summary>json, ndjson or csv (optionally gzip-compressed).</summary>
    public required string Format { get; set; }
    public string? Path { get; set; }
    public long? SizeBytes { get; set; }
    public string? ChecksumSha256 { get; set; }
    public int? ItemCount { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
