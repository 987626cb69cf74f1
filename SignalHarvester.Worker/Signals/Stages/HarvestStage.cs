using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Worker.Signals.Stages;

/// <summary>
/// Harvest: for each enabled query, fetch recent-search pages from the cursor onwards (up to the
/// page budget) and store each page with its cursor. A failure stops that query only. X's window
/// is one per app and endpoint, shared by every query, so once it is spent (a page says
/// <c>x-rate-limit-remaining: 0</c>, or a 429) the run asks for nothing more. Either way the next
/// run resumes at the stored cursors, so nothing is skipped or stored twice.
/// </summary>
public sealed class HarvestStage(
    IXPostSource source,
    TweetStore store,
    IOptions<HarvestOptions> harvest,
    IOptions<XApiOptions> xApi,
    SignalPipelineMetrics metrics,
    ILogger<HarvestStage> logger)
{
    private const string RateLimitedReason = "rate_limited";
    private const string FailedReason = "failed";

    public async Task<HarvestResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new HarvestResult();
        DateTimeOffset? windowSpentUntil = null;
        foreach (var query in harvest.Value.Queries.Where(q => q.Enabled))
        {
            if (windowSpentUntil is not null)
            {
                Defer(result.RateLimitedQueries, query, RateLimitedReason);
                continue;
            }

            try
            {
                var (stored, spentUntil) = await HarvestQueryAsync(query, cancellationToken);
                result.PostsStored += stored;
                windowSpentUntil = spentUntil;
            }
            catch (XRateLimitedException e)
            {
                Defer(result.RateLimitedQueries, query, RateLimitedReason);
                windowSpentUntil = e.RetryAt;
            }
            catch (XApiException e) when (e.IsAuthenticationFailure)
            {
                // Every query would fail the same way: stop the run instead of hammering the API.
                throw new InvalidOperationException($"X API rejected the bearer token: {e.Message}", e);
            }
            catch (Exception e) when (e is XApiException or HttpRequestException)
            {
                Defer(result.FailedQueries, query, FailedReason);
                logger.LogError(e, "Query {Query} failed; it resumes from its cursor next run", query.Name);
            }
        }

        if (windowSpentUntil is { } until)
        {
            logger.LogWarning("X rate-limit window spent until {RetryAt:u}; queries [{Queries}] resume from their cursors next run",
                until, string.Join(", ", result.RateLimitedQueries));
        }

        return result;
    }

    private void Defer(List<string> deferred, XQuery query, string reason)
    {
        deferred.Add(query.Name);
        metrics.QueryDeferred(query.Name, reason);
    }

    /// <summary>Posts stored for <paramref name="query"/>, and when X's window was spent by its last page, until when.</summary>
    private async Task<(int Stored, DateTimeOffset? WindowSpentUntil)> HarvestQueryAsync(XQuery query, CancellationToken cancellationToken)
    {
        var cursor = await store.LoadCursorAsync(query.Name, cancellationToken);
        var stored = 0;
        DateTimeOffset? windowSpentUntil = null;
        for (var page = 0; page < Math.Max(1, xApi.Value.PageBudget); page++)
        {
            var results = await source.SearchRecentAsync(query, cursor.SinceId, cursor.PaginationToken, cancellationToken);
            cursor = cursor.AfterPage(results.NewestId, results.NextToken);
            await store.StorePageAsync(query.Name, results.Posts, cursor, cancellationToken);
            stored += results.Posts.Count;
            metrics.PostsFetched(results.Posts.Count, query.Name, source.Name);
            windowSpentUntil = results.RateLimitExhaustedUntil;
            if (!cursor.Resuming || windowSpentUntil is not null)
            {
                break;
            }
        }

        logger.LogInformation("Query {Query}: {Count} posts stored from {Source}; since_id {SinceId}{Pending}",
            query.Name, stored, source.Name, cursor.SinceId, cursor.Resuming ? " (more pages pending, resumes next run)" : "");
        return (stored, windowSpentUntil);
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
