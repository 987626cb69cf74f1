using SignalHarvester.Core.Sources;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Stages;

/// <summary>
/// Fetch: every source that is not off, each on its own. A source that fails is logged and counted and
/// the others go on; each source resumes from the time of its own last successful fetch in its
/// current mode, and every artifact is stored with the origin of that mode.
/// </summary>
public sealed class FetchArtifactsStage(
    IEnumerable<IDiscoverySource> sources,
    SourceSettings settings,
    SourceStatusStore status,
    ArtifactStore store,
    DiscoveryFetchCursors cursors,
    TimeProvider clock,
    DiscoveryMetrics metrics,
    ILogger<FetchArtifactsStage> logger)
{
    private const int BatchSize = 200;

    // Items published a little before the last fetch may only appear now (indexing delays).
    private static readonly TimeSpan Overlap = TimeSpan.FromHours(6);

    public async Task<FetchResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new FetchResult();
        foreach (var source in sources)
        {
            var startedAt = clock.GetUtcNow();
            var origin = settings.Find(source.Name)?.Origin ?? DataOrigin.Live;
            try
            {
                var last = await cursors.LastFetchedAsync(source.Name, origin, cancellationToken);
                var since = last is null ? DateTimeOffset.MinValue : last.Value - Overlap;
                var (fetched, added) = await FetchSourceAsync(source, origin, since, cancellationToken);
                await cursors.SaveAsync(source.Name, origin, startedAt, cancellationToken);
                await RecordAsync(source, fetched, null, cancellationToken);
                metrics.Fetched(source.Name, fetched);
                result.Fetched[source.Name] = fetched;
                result.Added += added;
                logger.LogInformation("Discovery source {Source}: {Fetched} fetched, {Added} new", source.Name, fetched, added);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                metrics.SourceFailed(source.Name);
                result.FailedSources.Add(source.Name);
                await RecordAsync(source, 0, e.Message, cancellationToken);
                logger.LogError(e, "Discovery source {Source} failed; the other sources go on", source.Name);
            }
        }

        return result;
    }

    // X artifacts are derived from stored posts, not fetched: the X source's status is the harvest's.
    private Task RecordAsync(IDiscoverySource source, int fetched, string? error, CancellationToken cancellationToken) =>
        source.Name == SourceNames.X ? Task.CompletedTask : status.RecordRunAsync(source.Name, fetched, error, cancellationToken);

    private async Task<(int Fetched, int Added)> FetchSourceAsync(IDiscoverySource source, string origin, DateTimeOffset since, CancellationToken cancellationToken)
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

public sealed class FetchResult
{
    public Dictionary<string, int> Fetched { get; } = [];
    public int Added { get; set; }
    public List<string> FailedSources { get; } = [];

    public override string ToString() =>
        $"{Added} new; fetched {string.Join(", ", Fetched.Select(f => $"{f.Key}={f.Value}"))}" +
        (FailedSources.Count > 0 ? $"; failed: {string.Join(", ", FailedSources)}" : "");
}
