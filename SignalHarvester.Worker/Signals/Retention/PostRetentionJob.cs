using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;
using SignalHarvester.Data.Caching;
using SignalHarvester.Data.Signals;
using SignalHarvester.Worker.Jobs;
using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Worker.Signals.Retention;

/// <summary>
/// Keeps the <c>tweets</c> table from growing without end: posts older than <see cref="PostRetentionOptions.PostMaxAgeDays"/>
/// are written to an archive file and then deleted, and the raw X payload of posts older than
/// <see cref="PostRetentionOptions.RawPayloadMaxAgeDays"/> is archived and then cleared. Each batch locks its rows, writes
/// and flushes its archive, and only then changes the rows in the same transaction: a failure before the commit leaves the
/// rows as they were (the next run archives them again, so an archive may repeat a row, never miss one).
/// </summary>
[AutomaticRetry(Attempts = 2, DelaysInSeconds = [60, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class PostRetentionJob(
    NpgsqlDataSource dataSource,
    SignalStore store,
    SignalsChanged signalsChanged,
    IOptions<PostRetentionOptions> options,
    IOptions<SnapshotOptions> snapshots,
    TimeProvider clock,
    SignalPipelineMetrics metrics,
    ILogger<PostRetentionJob> logger)
{
    public const string RecurringJobId = "post-retention";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var exclusive = await PipelineLock.AcquireAsync(dataSource, RecurringJobId, cancellationToken);
        var directory = settings.ResolveDirectory(snapshots.Value);
        var now = clock.GetUtcNow();
        // Whole posts first, so no payload is archived twice (once alone, once with its deleted post).
        var deleted = settings.PostMaxAgeDays <= 0 ? 0 : await RetireAsync(
            PostArchive.Posts, RetiredPart.Whole, now.AddDays(-settings.PostMaxAgeDays), directory, cancellationToken);
        if (deleted > 0)
        {
            // Cleared raw payloads are never served; deleted posts leave the API's cached signal responses.
            await signalsChanged.EvictAsync();
        }

        var cleared = settings.RawPayloadMaxAgeDays <= 0 ? 0 : await RetireAsync(
            PostArchive.RawPayloads, RetiredPart.RawPayload, now.AddDays(-settings.RawPayloadMaxAgeDays), directory, cancellationToken);
        logger.LogInformation("Retention archived to {Directory} and deleted {Deleted} posts, cleared {Cleared} raw payloads", directory, deleted, cleared);
    }

    private async Task<int> RetireAsync(string kind, RetiredPart part, DateTimeOffset cutoff, string directory, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var retired = await store.RetireBatchAsync(part, cutoff, options.Value.BatchSize,
                (ids, lines, token) => PostArchive.WriteAsync(directory, kind, clock.GetUtcNow(), ids[0], lines, token), cancellationToken);
            if (retired == 0)
            {
                return total;
            }

            metrics.PostsRetired(retired, kind);
            total += retired;
        }
    }
}
