using Microsoft.Extensions.Options;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// Prunes whole snapshot sets (every file sharing a stamp): first sets older than <see cref="SnapshotOptions.MaxAgeDays"/>,
/// then sets beyond the newest <see cref="SnapshotOptions.KeepLatest"/>, then the oldest remaining sets until the snapshot
/// files total at most <see cref="SnapshotOptions.MaxTotalMegabytes"/>. The newest set always survives, and files that do not
/// follow <see cref="SnapshotNaming"/> are neither deleted nor counted.
/// </summary>
public sealed class SnapshotRetention(IOptions<SnapshotOptions> options, ILogger<SnapshotRetention> logger)
{
    public RetentionResult Apply(DateTimeOffset now)
    {
        var settings = options.Value;
        var directory = settings.ResolveDirectory();
        var sets = SnapshotDirectory.ListSets(directory); // newest first
        if (sets.Count <= 1)
        {
            return RetentionResult.Nothing;
        }

        var doomed = new List<SnapshotSet>();
        var kept = new List<SnapshotSet> { sets[0] };
        var cutoff = settings.MaxAgeDays > 0 ? now - TimeSpan.FromDays(settings.MaxAgeDays) : DateTimeOffset.MinValue;
        foreach (var set in sets.Skip(1))
        {
            (set.TakenAt < cutoff ? doomed : kept).Add(set);
        }

        if (settings.KeepLatest > 0 && kept.Count > settings.KeepLatest)
        {
            doomed.AddRange(kept.Skip(settings.KeepLatest));
            kept.RemoveRange(settings.KeepLatest, kept.Count - settings.KeepLatest);
        }

        if (settings.MaxTotalMegabytes > 0)
        {
            var total = kept.Sum(s => s.TotalBytes);
            while (total > settings.MaxTotalBytes && kept.Count > 1)
            {
                var oldest = kept[^1];
                kept.RemoveAt(kept.Count - 1);
                doomed.Add(oldest);
                total -= oldest.TotalBytes;
            }
        }

        if (doomed.Count == 0)
        {
            return RetentionResult.Nothing;
        }

        var deletedStamps = new List<string>();
        long bytesFreed = 0;
        foreach (var set in doomed.OrderBy(s => s.Stamp, StringComparer.Ordinal))
        {
            var complete = true;
            // Manifest first: a set interrupted half-way through deletion then reads as incomplete, not as intact.
            foreach (var file in set.Files.OrderBy(f => f.Name.Kind == SnapshotNaming.ManifestKind ? 0 : 1))
            {
                try
                {
                    File.Delete(file.Path);
                    bytesFreed += file.SizeBytes;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    complete = false;
                    logger.LogWarning(ex, "Could not delete snapshot file {File}", file.Path);
                }
            }

            if (complete)
            {
                deletedStamps.Add(set.Stamp);
            }
        }

        logger.LogInformation("Snapshot retention deleted {Count} sets ({Bytes} bytes) from {Directory}", deletedStamps.Count, bytesFreed, directory);
        return new RetentionResult(deletedStamps, bytesFreed);
    }
}
