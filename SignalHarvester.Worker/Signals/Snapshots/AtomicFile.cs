using System.IO.Compression;
using System.Security.Cryptography;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// Writes a file so readers only ever see it complete: content goes to a hidden temp name in the same directory
/// (same file system, so the final move is an atomic rename) and is flushed to disk before the move.
/// </summary>
internal static class AtomicFile
{
    private const int BufferSize = 81920;

    /// <summary>RFC 1952 member of zero bytes: header (no name, mtime 0, OS unknown), an empty final deflate block, CRC32 0, size 0.</summary>
    private static readonly ReadOnlyMemory<byte> EmptyGzipMember = new byte[]
    {
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff,
        0x03, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    };

    /// <summary>Returns the size and lower-case hex SHA-256 of the bytes on disk, read back from the finished temp file.</summary>
    public static async Task<(long SizeBytes, string Sha256)> WriteAsync(
        string path, bool gzip, Func<Stream, CancellationToken, Task> writeContent, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // Leading dot and .tmp suffix: never matches SnapshotNaming, so retention and diff lookups ignore it.
        var tempPath = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                if (gzip)
                {
                    await using (var compressed = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
                    {
                        await writeContent(compressed, ct);
                    }

                    if (file.Length == 0)
                    {
                        // GZipStream emits nothing at all for empty content, which gunzip rejects; write a valid empty member.
                        await file.WriteAsync(EmptyGzipMember, ct);
                    }
                }
                else
                {
                    await writeContent(file, ct);
                }

                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }

            long size;
            string sha256;
            await using (var written = new FileStream(tempPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous))
            {
                size = written.Length;
                sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(written, ct));
            }

            File.Move(tempPath, path, overwrite: true);
            return (size, sha256);
        }
        finally
        {
            // After a successful move the temp name is gone; after a failure or cancellation it must not linger.
            File.Delete(tempPath);
        }
    }
}
