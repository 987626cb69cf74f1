using System.Text.Json;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>Writes the <c>ndjson</c> format: the same objects as the JSON file's <c>signals</c>, one per line (JSON escapes newlines in text).</summary>
internal static class SignalNdjsonWriter
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<SignalExportRow> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            await JsonSerializer.SerializeAsync(output, row, SnapshotJson.Compact, ct);
            await output.WriteAsync(SnapshotJson.LineFeed, ct);
        }
    }
}
