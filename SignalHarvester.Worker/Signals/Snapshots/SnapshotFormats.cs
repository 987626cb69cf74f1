namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>The export formats; each name is also the file extension (before an optional <c>.gz</c>).</summary>
public static class SnapshotFormats
{
    public const string Json = "json";
    public const string Ndjson = "ndjson";
    public const string Csv = "csv";

    public static IReadOnlyList<string> All { get; } = [Json, Ndjson, Csv];

    public static bool IsKnown(string? format) => format is not null && All.Contains(Normalize(format));

    /// <summary>Configuration may say <c>JSON</c> or <c> csv </c>; files and results always use the lower-case name.</summary>
    public static string Normalize(string format) => format.Trim().ToLowerInvariant();
}
