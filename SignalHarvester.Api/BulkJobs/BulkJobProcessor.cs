using Microsoft.Extensions.Options;
using Npgsql;

namespace SignalHarvester.Api.BulkJobs;

/// <summary>
/// Runs bulk signal jobs in every API replica: claims one job at a time under a lease and works
/// through it batch by batch (each batch commits with its progress), pausing between batches when
/// throttled. A job left behind by a stopped or crashed replica is resumed where its last batch ended.
/// </summary>
public sealed partial class BulkJobProcessor(
    BulkJobStore store, IOptions<BulkJobOptions> options, TimeProvider clock, ILogger<BulkJobProcessor> logger) : BackgroundService
{
    // Machine and process id tell operators (and tests) which replica holds a lease or did a job's work; the guid
    // keeps a new process that reuses a pid from continuing a dead one's lease.
    private static readonly TimeSpan HoldPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly string owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await store.ClaimAsync(owner, lease, stoppingToken) is { } jobId)
                {
                    await RunAsync(jobId, settings, lease, stoppingToken);
                    continue; // look for the next job at once
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogClaimFailed(e);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunAsync(long jobId, BulkJobOptions settings, TimeSpan lease, CancellationToken stoppingToken)
    {
        LogClaimed(jobId);
        try
        {
            while (await store.RunBatchAsync(jobId, owner, settings.BatchSize, lease, stoppingToken))
            {
                await HoldWhileHoldFileExistsAsync(jobId, settings.HoldFile, lease, stoppingToken);
                if (settings.PauseBetweenBatchesMilliseconds > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(settings.PauseBetweenBatchesMilliseconds), clock, stoppingToken);
                }
            }

            LogLeft(jobId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the open batch rolled back; hand the job to whoever starts next.
            await store.ReleaseAsync(jobId, owner, CancellationToken.None);
            LogReleased(jobId);
        }
        catch (Exception e) when (e is NpgsqlException { IsTransient: true })
        {
            // The database is away; the lease expires and the job resumes from its last committed batch.
            LogTransientFailure(e, jobId);
        }
        catch (Exception e)
        {
            // Anyone may read a job's state: the cause goes to the log, the job says where to look.
            LogFailed(e, jobId);
            await store.FailAsync(jobId, owner, $"The job failed; the API's log has the cause (bulk job {jobId}).", CancellationToken.None);
        }
    }

    // A test's gate (Api:BulkJobs:HoldFile): the job waits between two batches while the file exists, its lease
    // renewed so no other replica takes it over meanwhile.
    private async Task HoldWhileHoldFileExistsAsync(long jobId, string? holdFile, TimeSpan lease, CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(holdFile))
        {
            return;
        }

        var renewedAt = clock.GetUtcNow();
        while (File.Exists(holdFile))
        {
            await Task.Delay(HoldPollInterval, clock, stoppingToken);
            if (clock.GetUtcNow() - renewedAt >= lease / 3)
            {
                await store.RenewAsync(jobId, owner, lease, stoppingToken);
                renewedAt = clock.GetUtcNow();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk job {JobId} claimed")]
    private partial void LogClaimed(long jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk job {JobId}: nothing more to do here (completed, cancelled or taken over)")]
    private partial void LogLeft(long jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk job {JobId} released on shutdown; it resumes on the next replica that looks")]
    private partial void LogReleased(long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for bulk jobs failed; retrying")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk job {JobId} interrupted by a database error; it resumes when its lease expires")]
    private partial void LogTransientFailure(Exception exception, long jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bulk job {JobId} failed")]
    private partial void LogFailed(Exception exception, long jobId);
}
