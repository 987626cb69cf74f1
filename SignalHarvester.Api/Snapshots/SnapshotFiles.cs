using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Api.Snapshots;

/// <summary>
/// The snapshot directory the worker writes (<c>Harvest:Snapshots:Directory</c>, same default), and
/// the only place snapshot files are served from: a path stored in a row that points elsewhere is refused.
/// </summary>
public sealed class SnapshotFiles(string directory)
{
    public string Directory { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));

    /// <summary>The full path of an existing file inside the directory, or null.</summary>
    public string? Resolve(string? storedPath)
    {
        if (string.IsNullOrWhiteSpace(storedPath))
        {
            return null;
        }

        var full = Path.GetFullPath(storedPath, Directory);
        var inside = full.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? full : null;
    }

    /// <summary>The media type of a snapshot file: the format's own, or gzip for a compressed one (served as stored, so its checksum holds).</summary>
    public static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".gz" => "application/gzip",
        ".ndjson" => "application/x-ndjson",
        ".csv" => "text/csv",
        _ => "application/json",
    };
}
