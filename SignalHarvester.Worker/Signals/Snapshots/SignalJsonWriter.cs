using System.Text.Json;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>Writes the <c>json</c> format: one indented document holding all rows.</summary>
internal static class SignalJsonWriter
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<SignalExportRow> rows, DateTimeOffset takenAt, CancellationToken ct)
    {
        await JsonSerializer.SerializeAsync(output, new SignalSnapshotDocument(takenAt, rows.Count, rows), SnapshotJson.Indented, ct);
        await output.WriteAsync(SnapshotJson.LineFeed, ct);
    }
}
