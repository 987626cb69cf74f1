using System.IO.Compression;
using System.Text.Json;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// Finds and reads the newest snapshot taken before a stamp: its NDJSON file, else its JSON file (when NDJSON is not
/// among the configured formats), gzip-aware either way. An unreadable set is logged and skipped for the one before it,
/// so one damaged file cannot make every later diff fail.
/// </summary>
internal static class PreviousSnapshotLoader
{
    private sealed record SignalsOnly(IReadOnlyList<SnapshotSignalKey>? Signals);

    public static async Task<PreviousSnapshot?> LoadAsync(string directory, string beforeStamp, ILogger logger, CancellationToken ct)
    {
        foreach (var set in SnapshotDirectory.ListSets(directory))
        {
            if (string.CompareOrdinal(set.Stamp, beforeStamp) >= 0)
            {
                continue;
            }

            var source = set.Files.FirstOrDefault(f => f.Name.DataFormat == SnapshotFormats.Ndjson)
                ?? set.Files.FirstOrDefault(f => f.Name.DataFormat == SnapshotFormats.Json);
            if (source is null)
            {
                continue;
            }

            try
            {
                var signals = source.Name.DataFormat == SnapshotFormats.Ndjson
                    ? await ReadNdjsonAsync(source, ct)
                    : await ReadJsonAsync(source, ct);
                // The binder leaves a missing "id" null instead of failing; such a file is as unreadable as broken JSON.
                if (signals.Any(s => s.Id is null))
                {
                    throw new JsonException($"a signal without an id in {source.Path}");
                }

                return new PreviousSnapshot(set.Stamp, signals);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Skipping unreadable snapshot {File} when diffing snapshot {Stamp}", source.Path, beforeStamp);
            }
        }

        return null;
    }

    private static async Task<IReadOnlyList<SnapshotSignalKey>> ReadNdjsonAsync(SnapshotSetFile file, CancellationToken ct)
    {
        await using var content = OpenContent(file);
        using var reader = new StreamReader(content);
        var signals = new List<SnapshotSignalKey>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                signals.Add(JsonSerializer.Deserialize<SnapshotSignalKey>(line, SnapshotJson.Compact) ?? throw new JsonException($"null line in {file.Path}"));
            }
        }

        return signals;
    }

    private static async Task<IReadOnlyList<SnapshotSignalKey>> ReadJsonAsync(SnapshotSetFile file, CancellationToken ct)
    {
        await using var content = OpenContent(file);
        var document = await JsonSerializer.DeserializeAsync<SignalsOnly>(content, SnapshotJson.Compact, ct);
        return document?.Signals ?? throw new JsonException($"no signals array in {file.Path}");
    }

    private static Stream OpenContent(SnapshotSetFile file)
    {
        Stream stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        return file.Name.IsGzipped ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }
}
