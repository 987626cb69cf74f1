using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Snapshots;

/// <summary>
/// One snapshot file: its state (processing, ready, failed), format, file name, size, SHA-256 of the bytes
/// served by the download, how many signals it holds, and the download URL once ready.
/// </summary>
public sealed record SnapshotResponse(
    long Id,
    string? SignalId,
    string Status,
    string Format,
    string? FileName,
    long? SizeBytes,
    string? ChecksumSha256,
    int? ItemCount,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Download)
{
    public static SnapshotResponse From(Snapshot snapshot) => new(
        snapshot.Id,
        snapshot.SignalId,
        snapshot.Status,
        snapshot.Format,
        snapshot.Path is null ? null : Path.GetFileName(snapshot.Path),
        snapshot.SizeBytes,
        snapshot.ChecksumSha256,
        snapshot.ItemCount,
        snapshot.Error,
        snapshot.CreatedAt,
        snapshot.CompletedAt,
        snapshot.Status == SnapshotStatus.Ready ? $"/api/v1/snapshots/{snapshot.Id}/download" : null);
}
