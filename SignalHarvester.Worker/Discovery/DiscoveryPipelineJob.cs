using Microsoft.AspNetCore.OutputCaching;
using Npgsql;
using SignalHarvester.Data.Caching;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Worker.Discovery.Stages;
using SignalHarvester.Worker.Jobs;

namespace SignalHarvester.Worker.Discovery;

/// <summary>
/// The discovery pipeline as one Hangfire job: fetch → classify → embed → topics → score → topic
/// evolution → relationships, then the API's cached discoveries and topics responses are evicted. Each stage
/// is idempotent and runs even when an earlier one failed; a failing source alone does not fail the
/// run (it is logged and counted), a failing stage does.
/// </summary>
public sealed class DiscoveryPipelineJob(
    NpgsqlDataSource dataSource,
    FetchArtifactsStage fetch,
    ClassifyArtifactsStage classify,
    EmbedArtifactsStage embed,
    UpdateTopicsStage topics,
    ScoreArtifactsStage score,
    EvolveTopicsStage evolveTopics,
    DetectRelationshipsStage relationships,
    IOutputCacheStore responseCache,
    DiscoveryMetrics metrics,
    ILogger<DiscoveryPipelineJob> logger) : IDiscoveryPipelineJob
{
    public static readonly string RecurringJobId = PipelineJobContracts.Discovery.RecurringJobId!;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var exclusive = await PipelineLock.AcquireAsync(dataSource, RecurringJobId, cancellationToken);
        using var run = new PipelineRun("discovery pipeline", DiscoveryMetrics.ActivitySource, metrics.StageCompleted, logger);
        await run.StageAsync("fetch", () => fetch.RunAsync(cancellationToken));
        await run.StageAsync("classify", () => classify.RunAsync(cancellationToken));
        await run.StageAsync("embed", () => embed.RunAsync(cancellationToken));
        await run.StageAsync("topics", () => topics.RunAsync(cancellationToken));
        await run.StageAsync("score", () => score.RunAsync(cancellationToken));
        await run.StageAsync("evolve topics", () => evolveTopics.RunAsync(cancellationToken));
        await run.StageAsync("relationships", () => relationships.RunAsync(cancellationToken));
        // Cached API responses may now be stale, even after a partly failed run.
        await run.StageAsync("evict cached responses", async () =>
        {
            await responseCache.EvictByTagAsync(ResponseCacheTags.Discoveries, cancellationToken);
            await responseCache.EvictByTagAsync(ResponseCacheTags.Topics, cancellationToken);
            return $"{ResponseCacheTags.Discoveries}, {ResponseCacheTags.Topics}";
        });
        run.Complete(metrics.RunCompleted);
    }
}
