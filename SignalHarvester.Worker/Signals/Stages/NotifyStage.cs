using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Signals.Slack;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Signals.Stages;

/// <summary>
/// Notify: each qualifying post produces one Slack message, even with several workers. A worker
/// first claims rows in one committed statement (FOR UPDATE SKIP LOCKED, so two workers never claim
/// the same row), then sends; success sets notified_at, any failure releases the claim for a later run,
/// and claims the run did not get to (Slack down, the run stopped) are released when it ends. Only a
/// crash or a database outage between sending and recording can repeat a message, after the lease expires.
/// Slack off (no <see cref="ISignalNotifier"/> registered) claims nothing.
/// </summary>
public sealed class NotifyStage(
    SignalStore store,
    SourceStatusStore status,
    SourceSettings sources,
    IOptions<NotifyOptions> notifyOptions,
    SignalPipelineMetrics metrics,
    ILogger<NotifyStage> logger,
    ISignalNotifier? notifier = null)
{
    // Claims belong to this run of the stage, so a claim is never mistaken for another run's.
    private const int RecordAttempts = 3;

    private readonly string claimOwner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (notifier is null)
        {
            logger.LogInformation("Notifications off: {Detail}", sources.Find(SourceNames.Slack)?.Detail ?? "no notifier registered");
            return 0;
        }

        var claimed = await ClaimAsync(cancellationToken);
        var sent = 0;
        var handled = 0;
        string? lastError = null;
        try
        {
            for (; handled < claimed.Count; handled++)
            {
                var signal = claimed[handled];
                try
                {
                    await notifier.SendAsync(signal, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Whatever failed (an error status, a reset connection, the resilience timeout, an open circuit),
                    // the message was not delivered: the claim goes back for the next run.
                    lastError = e.Message;
                    metrics.PostNotified(success: false);
                    logger.LogWarning("Slack notification for post {Id} failed, retried next run: {Error}", signal.Id, e.Message);
                    await ReleaseAsync(signal.Id, e.Message);
                    if (!IsAboutThisMessage(e))
                    {
                        // Slack itself is failing: the rest would only wait out the same error, one timeout each.
                        handled++;
                        break;
                    }

                    continue;
                }

                // Delivered: from here on the claim must not go back, or the next run would announce it again.
                await RecordSentAsync(signal.Id);
                sent++;
                metrics.PostNotified(success: true);
            }
        }
        finally
        {
            // Claims this run did not get to (Slack down, or the run stopped) are freed now, not when their lease ends.
            foreach (var signal in claimed.Skip(handled))
            {
                await ReleaseAsync(signal.Id, lastError ?? "not sent in this run");
            }
        }

        logger.LogInformation("Notified {Sent} of {Claimed} claimed signals", sent, claimed.Count);
        if (claimed.Count > 0)
        {
            await status.RecordRunAsync(SourceNames.Slack, sent, lastError, cancellationToken);
        }

        return sent;
    }

    /// <summary>A 4xx is Slack refusing this one message; anything else says Slack (or the way to it) is down.</summary>
    private static bool IsAboutThisMessage(Exception e) =>
        e is HttpRequestException { StatusCode: >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError };

    /// <summary>
    /// Records a delivered message, a few times over a short database hiccup. Should that fail too, the claim is
    /// kept (never released): its lease ending is the only way the message could be sent twice.
    /// </summary>
    private async Task RecordSentAsync(string id)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.MarkNotifiedAsync(id, claimOwner, CancellationToken.None);
                return;
            }
            catch (NpgsqlException e) when (attempt < RecordAttempts)
            {
                logger.LogWarning("Recording the Slack message for post {Id} failed (attempt {Attempt}), retrying: {Error}", id, attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
            catch (NpgsqlException e)
            {
                logger.LogError(e, "Slack message for post {Id} was sent but could not be recorded; its claim stays until the lease ends", id);
                return;
            }
        }
    }

    private async Task ReleaseAsync(string id, string error)
    {
        try
        {
            await store.ReleaseNotificationClaimAsync(id, claimOwner, error, CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            // The database is away too; the claim's lease frees the post later.
            logger.LogWarning("Releasing the Slack claim on post {Id} failed: {Error}", id, e.Message);
        }
    }

    private Task<List<SignalNotification>> ClaimAsync(CancellationToken cancellationToken)
    {
        var options = notifyOptions.Value;
        return store.ClaimForNotificationAsync(options.Threshold, options.WithinHours, options.ClaimLease, options.MaxPerRun, claimOwner, cancellationToken);
    }
}
