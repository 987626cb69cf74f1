using System.Text;
using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Worker.Signals.Retention;

/// <summary>
/// One archive file: gzip-compressed JSON lines, one stored row per line, written under a temporary name, flushed to
/// disk and renamed, so an archive either exists whole or not at all. <c>posts-*</c> files hold whole rows,
/// <c>raw-*</c> files the raw payloads cleared from rows that stay.
/// </summary>
public static class PostArchive
{
    public const string Posts = "posts";
    public const string RawPayloads = "raw";

    /// <summary>Writes the lines and returns the file's path; names never repeat (time to the millisecond and the first row's id).</summary>
    public static async Task<string> WriteAsync(string directory, string kind, DateTimeOffset now, string firstId, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{kind}-{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{firstId}.ndjson.gz");
        await AtomicFile.WriteAsync(path, gzip: true, async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            foreach (var line in lines)
            {
                await writer.WriteAsync(line.AsMemory(), ct);
                await writer.WriteAsync('\n');
            }
        }, cancellationToken);
        return path;
    }
}
