using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Worker.Signals.Stages;

/// <summary>
/// Harvest: for each enabled query, fetch recent-search pages from the cursor onwards (up to the
/// page budget) and store each page with its cursor. A rate limit or failure stops that query only;
/// the next run resumes at the stored cursor, so nothing is skipped or stored twice.
/// </summary>
public sealed class HarvestStage(
    IXPostSource source,
    TweetStore store,
    IOptions<HarvestOptions> harvest,
    IOptions<XApiOptions> xApi,
    SignalPipelineMetrics metrics,
    ILogger<HarvestStage> logger)
{
    public async Task<HarvestResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new HarvestResult();
        foreach (var query in harvest.Value.Queries.Where(q => q.Enabled))
        {
            try
            {
                result.PostsStored += await HarvestQueryAsync(query, cancellationToken);
            }
            catch (XRateLimitedException e)
            {
                result.RateLimitedQueries.Add(query.Name);
                logger.LogWarning("Query {Query} rate limited until {RetryAt:u}; it resumes from its cursor next run", query.Name, e.RetryAt);
            }
            catch (XApiException e) when (e.IsAuthenticationFailure)
            {
                // Every query would fail the same way: stop the run instead of hammering the API.
                throw new InvalidOperationException($"X API rejected the bearer token: {e.Message}", e);
            }
            catch (Exception e) when (e is XApiException or HttpRequestException)
            {
                result.FailedQueries.Add(query.Name);
                logger.LogError(e, "Query {Query} failed; it resumes from its cursor next run", query.Name);
            }
        }

        return result;
    }

    private async Task<int> HarvestQueryAsync(XQuery query, CancellationToken cancellationToken)
    {
        var cursor = await store.LoadCursorAsync(query.Name, cancellationToken);
        var stored = 0;
        for (var page = 0; page < Math.Max(1, xApi.Value.PageBudget); page++)
        {
            var results = await source.SearchRecentAsync(query, cursor.SinceId, cursor.PaginationToken, cancellationToken);
            cursor = cursor.AfterPage(results.NewestId, results.NextToken);
            await store.StorePageAsync(query.Name, results.Posts, cursor, cancellationToken);
            stored += results.Posts.Count;
            metrics.PostsFetched(results.Posts.Count, query.Name, source.Name);
            if (!cursor.Resuming)
            {
                break;
            }
        }

        logger.LogInformation("Query {Query}: {Count} posts stored from {Source}; since_id {SinceId}{Pending}",
            query.Name, stored, source.Name, cursor.SinceId, cursor.Resuming ? " (more pages pending, resumes next run)" : "");
        return stored;
    }
}

public sealed class HarvestResult
{
    public int PostsStored { get; set; }
    public List<string> RateLimitedQueries { get; } = [];
    public List<string> FailedQueries { get; } = [];

    public override string ToString() =>
        $"{PostsStored} stored; rate limited: [{string.Join(", ", RateLimitedQueries)}]; failed: [{string.Join(", ", FailedQueries)}]";
}
