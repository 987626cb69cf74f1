using System.Text.Encodings.Web;
using System.Text.Json;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>Serializer settings shared by the JSON, NDJSON and diff files.</summary>
internal static class SnapshotJson
{
    /// <summary>
    /// snake_case names; accented and CJK text kept readable (the files are never embedded in HTML). Characters outside
    /// the Basic Multilingual Plane, such as emoji, are still \u-escaped as surrogate pairs: every encoder does that.
    /// </summary>
    public static JsonSerializerOptions Compact { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonSerializerOptions Indented { get; } = new(Compact) { WriteIndented = true };

    public static ReadOnlyMemory<byte> LineFeed { get; } = "\n"u8.ToArray();
}
