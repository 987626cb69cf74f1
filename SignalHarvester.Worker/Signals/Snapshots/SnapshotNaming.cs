using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// File names of a snapshot set: <c>signals-{stamp}.{json|ndjson|csv}[.gz]</c>, <c>signals-{stamp}.diff.json</c> and
/// <c>signals-{stamp}.sha256</c>. The stamp is fixed-width UTC (<c>yyyyMMddTHHmmssfffZ</c>), so ordinal order is time order.
/// </summary>
public static partial class SnapshotNaming
{
    public const string GzipSuffix = ".gz";
    public const string ManifestKind = "sha256";
    public const string DiffKind = "diff.json";

    private const string StampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    public static string Stamp(DateTimeOffset takenAt) => takenAt.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);

    public static string DataFileName(string stamp, string format, bool gzip) =>
        $"signals-{stamp}.{format}{(gzip ? GzipSuffix : string.Empty)}";

    public static string DiffFileName(string stamp) => $"signals-{stamp}.{DiffKind}";

    public static string ManifestFileName(string stamp) => $"signals-{stamp}.{ManifestKind}";

    /// <summary>Recognises only the names above; anything else in the directory (temp files, notes) is not a snapshot file.</summary>
    public static bool TryParse(string fileName, out SnapshotFileName parsed)
    {
        parsed = default;
        var match = FileNamePattern().Match(fileName);
        if (!match.Success
            || !DateTimeOffset.TryParseExact(match.Groups["stamp"].Value, StampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var takenAt))
        {
            return false;
        }

        parsed = new SnapshotFileName(match.Groups["stamp"].Value, takenAt, match.Groups["kind"].Value);
        return true;
    }

    [GeneratedRegex(@"^signals-(?<stamp>\d{8}T\d{9}Z)\.(?<kind>(?:json|ndjson|csv)(?:\.gz)?|sha256|diff\.json)$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
