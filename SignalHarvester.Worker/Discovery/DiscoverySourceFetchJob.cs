using Hangfire;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery;

/// <summary>
/// One discovery source's part of the fetch stage, as a Hangfire job of its own so any worker replica can take it
/// (<see cref="Stages.FetchArtifactsStage"/> enqueues one per source and waits for them). The source resumes from the
/// time of its own last successful fetch in its current mode, and every artifact is stored with that mode's origin.
/// A failing source is logged, counted and recorded, and the job still succeeds: a failing source does not fail the
/// run. The job fails only when the database does; the run's own retry then fetches again (upserts make that safe).
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class DiscoverySourceFetchJob(
    IEnumerable<IDiscoverySource> sources,
    SourceSettings settings,
    SourceStatusStore status,
    ArtifactStore store,
    DiscoveryFetchCursors cursors,
    TimeProvider clock,
    DiscoveryMetrics metrics,
    ILogger<DiscoverySourceFetchJob> logger)
{
    private const int BatchSize = 200;

    // Items published a little before the last fetch may only appear now (indexing delays).
    private static readonly TimeSpan Overlap = TimeSpan.FromHours(6);

    /// <summary>Fetches the source named <paramref name="sourceName"/>; returns what it did (Hangfire keeps it as the job's result).</summary>
    public async Task<SourceFetchOutcome> RunAsync(string sourceName, CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => s.Name == sourceName);
        if (source is null)
        {
            // Turned off since the run enqueued it: nothing to fetch.
            return new SourceFetchOutcome(sourceName, 0, 0, "not configured on this worker");
        }

        var startedAt = clock.GetUtcNow();
        var origin = settings.Find(source.Name)?.Origin ?? DataOrigin.Live;
        try
        {
            var last = await cursors.LastFetchedAsync(source.Name, origin, cancellationToken);
            var since = last is null ? DateTimeOffset.MinValue : last.Value - Overlap;
            var (fetched, added) = await FetchAsync(source, origin, since, cancellationToken);
            await cursors.SaveAsync(source.Name, origin, startedAt, cancellationToken);
            await RecordAsync(source, fetched, null, cancellationToken);
            metrics.Fetched(source.Name, fetched);
            logger.LogInformation("Discovery source {Source}: {Fetched} fetched, {Added} new", source.Name, fetched, added);
            return new SourceFetchOutcome(source.Name, fetched, added, null);
        }
        // The database failing under the fetch (a restart, an outage) is not the source failing: recorded as the
        // source's error, the run would succeed without this source's artifacts. It fails the job, and the run retries.
        catch (Exception e) when ((e is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && TransientDatabaseFailure.In(e) is null)
        {
            metrics.SourceFailed(source.Name);
            await RecordAsync(source, 0, e.Message, cancellationToken);
            logger.LogError(e, "Discovery source {Source} failed; the other sources go on", source.Name);
            return new SourceFetchOutcome(source.Name, 0, 0, e.Message);
        }
    }

    // X artifacts are derived from stored posts, not fetched: the X source's status is the harvest's.
    private Task RecordAsync(IDiscoverySource source, int fetched, string? error, CancellationToken cancellationToken) =>
        source.Name == SourceNames.X ? Task.CompletedTask : status.RecordRunAsync(source.Name, fetched, error, cancellationToken);

    private async Task<(int Fetched, int Added)> FetchAsync(IDiscoverySource source, string origin, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var batch = new List<SourceArtifact>(BatchSize);
        var (fetched, added) = (0, 0);
        await foreach (var artifact in source.FetchAsync(since, cancellationToken))
        {
            batch.Add(artifact.Origin is null ? artifact with { Origin = origin } : artifact);
            if (batch.Count == BatchSize)
            {
                added += await store.UpsertAsync(batch, cancellationToken);
                fetched += batch.Count;
                batch.Clear();
            }
        }

        added += await store.UpsertAsync(batch, cancellationToken);
        return (fetched + batch.Count, added);
    }
}

/// <summary>What one source's fetch did: items fetched, how many were new, and the error when the source failed.</summary>
public sealed record SourceFetchOutcome(string Source, int Fetched, int Added, string? Error);
