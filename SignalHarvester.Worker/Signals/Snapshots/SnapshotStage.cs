using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// Snapshot: at most once per interval, export the top signals (every configured format, checksums,
/// diff against the previous export) and track each file as a <c>snapshots</c> row that goes from
/// processing to ready or failed (whatever the failure; rows an interrupted export left behind are failed by the
/// next one); then apply retention to files and rows alike.
/// </summary>
public sealed class SnapshotStage(
    HarvestDbContext db,
    SnapshotExporter exporter,
    SnapshotRetention retention,
    IOptions<SnapshotOptions> options,
    TimeProvider clock,
    ILogger<SnapshotStage> logger)
{
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(15);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var last = await db.Snapshots.Where(s => s.SignalId == null && s.Status == SnapshotStatus.Ready)
            .MaxAsync(s => (DateTimeOffset?)s.CreatedAt, cancellationToken);
        if (last is not null && now - last < TimeSpan.FromMinutes(settings.IntervalMinutes))
        {
            return 0;
        }

        return await ExportNowAsync(cancellationToken);
    }

    /// <summary>Exports the top signals now, whatever the interval (an operator asked for it), then applies retention.</summary>
    public async Task<int> ExportNowAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        await FailAbandonedAsync(now, cancellationToken);
        var rows = await db.Signals.AsNoTracking()
            .Where(t => t.Salience != null)
            .OrderByDescending(t => t.Salience).ThenByDescending(t => t.CreatedAt)
            .Take(settings.TopCount)
            .Select(t => new SignalExportRow(t.Id, t.Text, t.AuthorUsername, t.CreatedAt, t.Category, t.Sentiment, t.Urgency,
                t.Tags, t.Salience, t.LikeCount, t.RetweetCount, t.ReplyCount, t.QuoteCount,
                XPostUrl.For(t.AuthorUsername, t.Id)))
            .ToListAsync(cancellationToken);

        var tracked = settings.Formats.Select(SnapshotFormats.Normalize).Distinct().Select(format => new Snapshot
        {
            Status = SnapshotStatus.Processing,
            Format = format,
            ItemCount = rows.Count,
            CreatedAt = now,
        }).ToList();
        db.Snapshots.AddRange(tracked);
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            var export = await exporter.ExportAsync(rows, now, cancellationToken);
            foreach (var row in tracked)
            {
                var file = export.Files.Single(f => f.Format == row.Format);
                (row.Path, row.SizeBytes, row.ChecksumSha256) = (file.Path, file.SizeBytes, file.Sha256);
                (row.Status, row.CompletedAt) = (SnapshotStatus.Ready, clock.GetUtcNow());
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Snapshot {Stamp}: {Count} signals, {Added} added / {Removed} removed / {Changed} changed since {Previous}",
                export.Stamp, rows.Count, export.Diff.Added.Count, export.Diff.Removed.Count, export.Diff.Changed.Count, export.Diff.PreviousStamp ?? "nothing");
        }
        catch (Exception)
        {
            // Whatever went wrong (disk, serialization, cancellation, the database), the rows say so instead of
            // staying processing; should even this fail, the next export's sweep marks them.
            foreach (var row in tracked)
            {
                // Snapshot records are public: the cause goes to the worker's log (the stage's failure), not here.
                (row.Status, row.Error, row.CompletedAt) = (SnapshotStatus.Failed, $"The export failed; the worker's log has the cause (snapshot {row.Id}).", clock.GetUtcNow());
            }

            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        await ApplyRetentionAsync(now, cancellationToken);
        return rows.Count;
    }

    /// <summary>
    /// Rows left processing by an export that never finished (the worker was killed, or the database was gone when it
    /// tried to record the outcome) become failed: an export takes seconds, so after <see cref="AbandonedAfter"/> none is still running.
    /// </summary>
    private async Task FailAbandonedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var abandoned = await db.Snapshots
            .Where(s => s.Status == SnapshotStatus.Processing && s.CreatedAt < now - AbandonedAfter)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.Status, SnapshotStatus.Failed)
                .SetProperty(s => s.Error, "abandoned: the export did not finish")
                .SetProperty(s => s.CompletedAt, now), cancellationToken);
        if (abandoned > 0)
        {
            logger.LogWarning("Marked {Count} abandoned snapshot rows failed", abandoned);
        }
    }

    private async Task ApplyRetentionAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = retention.Apply(now);
        foreach (var stamp in result.DeletedStamps)
        {
            var pattern = $"%signals-{stamp}.%";
            await db.Snapshots.Where(s => s.Path != null && EF.Functions.Like(s.Path, pattern)).ExecuteDeleteAsync(cancellationToken);
        }

        if (result.DeletedStamps.Count > 0)
        {
            logger.LogInformation("Snapshot retention removed {Count} sets ({Bytes} bytes)", result.DeletedStamps.Count, result.BytesFreed);
        }
    }
}
