using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// Exports a list of signals as one snapshot set: a data file per configured format, a diff against the previous
/// snapshot and a <c>sha256sum</c> manifest. Every file is written atomically; the manifest is written last, so a set
/// with a manifest is complete.
/// </summary>
public sealed class SnapshotExporter(IOptions<SnapshotOptions> options, ILogger<SnapshotExporter> logger)
{
    /// <summary>Writes the rows as given (the caller selects the top <see cref="SnapshotOptions.TopCount"/>). Ids must be unique.</summary>
    public async Task<SnapshotExport> ExportAsync(IReadOnlyList<SignalExportRow> rows, DateTimeOffset takenAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var duplicate = rows.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Signal id '{duplicate.Key}' appears more than once; a snapshot holds each signal once.", nameof(rows));
        }

        var settings = options.Value;
        var formats = settings.Formats.Select(SnapshotFormats.Normalize).Distinct().ToList();
        var unknown = formats.FirstOrDefault(f => !SnapshotFormats.IsKnown(f));
        if (unknown is not null || formats.Count == 0)
        {
            throw new InvalidOperationException($"{SnapshotOptions.SectionName}:Formats must list some of {string.Join(", ", SnapshotFormats.All)}; got '{unknown}'.");
        }

        var directory = settings.ResolveDirectory();
        Directory.CreateDirectory(directory);
        takenAt = takenAt.ToUniversalTime();
        var stamp = SnapshotNaming.Stamp(takenAt);
        // One representation of time in every format: UTC.
        IReadOnlyList<SignalExportRow> utcRows = [.. rows.Select(r => r with { CreatedAt = r.CreatedAt.ToUniversalTime() })];

        // Read the previous snapshot before writing, so a failure there leaves no half-written set behind.
        var previous = await PreviousSnapshotLoader.LoadAsync(directory, stamp, logger, ct);
        var diff = SnapshotDiffCalculator.Compare(utcRows, previous);

        var files = new List<SnapshotFile>(formats.Count);
        foreach (var format in formats)
        {
            var path = Path.Combine(directory, SnapshotNaming.DataFileName(stamp, format, settings.Gzip));
            var (size, sha256) = await AtomicFile.WriteAsync(path, settings.Gzip, (stream, token) => format switch
            {
                SnapshotFormats.Json => SignalJsonWriter.WriteAsync(stream, utcRows, takenAt, token),
                SnapshotFormats.Ndjson => SignalNdjsonWriter.WriteAsync(stream, utcRows, token),
                _ => SignalCsvWriter.WriteAsync(stream, utcRows, token),
            }, ct);
            files.Add(new SnapshotFile(format, path, size, sha256));
        }

        var diffPath = Path.Combine(directory, SnapshotNaming.DiffFileName(stamp));
        var (_, diffSha256) = await AtomicFile.WriteAsync(diffPath, gzip: false, async (stream, token) =>
        {
            await JsonSerializer.SerializeAsync(stream, SnapshotDiffDocument.From(takenAt, diff), SnapshotJson.Indented, token);
            await stream.WriteAsync(SnapshotJson.LineFeed, token);
        }, ct);

        // The manifest covers the diff too, so `sha256sum -c` checks every file of the set but itself.
        var manifest = Sha256Manifest.Format(
            files.Select(f => (Path.GetFileName(f.Path), f.Sha256)).Append((Path.GetFileName(diffPath), diffSha256)));
        await AtomicFile.WriteAsync(Path.Combine(directory, SnapshotNaming.ManifestFileName(stamp)), gzip: false,
            (stream, token) => stream.WriteAsync(manifest, token).AsTask(), ct);

        logger.LogInformation(
            "Exported snapshot {Stamp}: {Count} signals as {Formats} in {Directory}; {Added} added, {Removed} removed, {Changed} salience changes since {PreviousStamp}",
            stamp, utcRows.Count, string.Join(", ", formats), directory, diff.Added.Count, diff.Removed.Count, diff.Changed.Count, diff.PreviousStamp ?? "nothing");
        return new SnapshotExport(takenAt, files, diff);
    }
}
