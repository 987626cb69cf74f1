using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;
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
    IOptions<PostRetentionOptions> options,
    IOptions<SnapshotOptions> snapshots,
    TimeProvider clock,
    SignalPipelineMetrics metrics,
    ILogger<PostRetentionJob> logger)
{
    public const string RecurringJobId = "post-retention";

    private const string OldPosts = """
        select id, row_to_json(t)::text from tweets t
        where created_at < @cutoff
        order by created_at, id limit @batch
        for update skip locked
        """;

    private const string OldRawPayloads = """
        select id, json_build_object('id', id, 'created_at', created_at, 'raw', raw)::text from tweets
        where created_at < @cutoff and raw is not null
        order by created_at, id limit @batch
        for update skip locked
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var exclusive = await PipelineLock.AcquireAsync(dataSource, RecurringJobId, cancellationToken);
        var directory = settings.ResolveDirectory(snapshots.Value);
        var now = clock.GetUtcNow();
        // Whole posts first, so no payload is archived twice (once alone, once with its deleted post).
        var deleted = settings.PostMaxAgeDays <= 0 ? 0 : await RetireAsync(
            PostArchive.Posts, OldPosts, "delete from tweets where id = any(@ids)", now.AddDays(-settings.PostMaxAgeDays), directory, cancellationToken);
        var cleared = settings.RawPayloadMaxAgeDays <= 0 ? 0 : await RetireAsync(
            PostArchive.RawPayloads, OldRawPayloads, "update tweets set raw = null where id = any(@ids)", now.AddDays(-settings.RawPayloadMaxAgeDays), directory, cancellationToken);
        logger.LogInformation("Retention archived to {Directory} and deleted {Deleted} posts, cleared {Cleared} raw payloads", directory, deleted, cleared);
    }

    private async Task<int> RetireAsync(string kind, string select, string change, DateTimeOffset cutoff, string directory, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var ids = new List<string>();
            var lines = new List<string>();
            await using (var command = new NpgsqlCommand(select, connection, transaction))
            {
                command.Parameters.AddWithValue("cutoff", cutoff);
                command.Parameters.AddWithValue("batch", settings.BatchSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                    lines.Add(reader.GetString(1));
                }
            }

            if (ids.Count == 0)
            {
                return total;
            }

            await PostArchive.WriteAsync(directory, kind, clock.GetUtcNow(), ids[0], lines, cancellationToken);
            await using (var command = new NpgsqlCommand(change, connection, transaction))
            {
                command.Parameters.AddWithValue("ids", ids.ToArray());
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            metrics.PostsRetired(ids.Count, kind);
            total += ids.Count;
        }
    }
}
