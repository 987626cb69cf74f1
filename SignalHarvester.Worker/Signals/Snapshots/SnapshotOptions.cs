using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>Where and how signal snapshots are exported and pruned; bound from <c>Harvest:Snapshots</c>.</summary>
public sealed class SnapshotOptions
{
    public const string SectionName = "Harvest:Snapshots";

    /// <summary>Output directory; null or blank means <see cref="DefaultDirectory"/>.</summary>
    public string? Directory { get; set; }

    /// <summary>How many of the top signals (by salience) the caller selects for one snapshot; the exporter writes the rows it is given.</summary>
    public int TopCount { get; set; } = 200;

    /// <summary>Minimum minutes between snapshots: the pipeline runs every few minutes, exports need not.</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Any of <c>json</c>, <c>ndjson</c>, <c>csv</c>. Configured values replace the defaults (see <see cref="SnapshotServiceExtensions"/>).</summary>
    public List<string> Formats { get; set; } = [.. SnapshotFormats.All];

    /// <summary>Gzip every data file (<c>.gz</c> suffix). Manifest and diff stay plain text.</summary>
    public bool Gzip { get; set; } = true;

    /// <summary>Retention: snapshot sets older than this are deleted; 0 or less disables the age rule.</summary>
    public int MaxAgeDays { get; set; } = 30;

    /// <summary>Retention: at most this many newest sets are kept; 0 or less disables the count rule.</summary>
    public int KeepLatest { get; set; } = 50;

    /// <summary>Retention: snapshot files may total at most this many MiB (fractions allowed); 0 or less disables the quota.</summary>
    public double MaxTotalMegabytes { get; set; } = 500;

    public static string DefaultDirectory => SnapshotLocation.DefaultDirectory;

    public string ResolveDirectory() => string.IsNullOrWhiteSpace(Directory) ? DefaultDirectory : Directory;

    public long MaxTotalBytes => (long)(MaxTotalMegabytes * 1024 * 1024);
}
