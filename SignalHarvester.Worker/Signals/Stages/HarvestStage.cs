using Microsoft.Extensions.Options;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Signals.XApi;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Signals.Stages;

/// <summary>
/// Harvest: for each enabled query, fetch recent-search pages from the cursor onwards (up to the
/// page budget) and store each page with its cursor. A failure stops that query only. X's window
/// is one per app and endpoint, shared by every query, so once it is spent (a page says
/// <c>x-rate-limit-remaining: 0</c>, or a 429) the run asks for nothing more. Either way the next
/// run resumes at the stored cursors, so nothing is skipped or stored twice. Posts and cursors
/// carry the source's origin, so sample and live harvests never share either. With the X source
/// off (no <see cref="IXPostSource"/> registered) the stage harvests nothing and says why. A post that
/// cannot be read or stored is skipped (counted and logged with its reason); the rest of its page is stored.
/// </summary>
public sealed class HarvestStage(
    SignalStore store,
    SourceStatusStore status,
    SourceSettings sources,
    IOptions<HarvestOptions> harvest,
    IOptions<XApiOptions> xApi,
    SignalPipelineMetrics metrics,
    ILogger<HarvestStage> logger,
    IXPostSource? source = null)
{
    private const string RateLimitedReason = "rate_limited";
    private const string FailedReason = "failed";

    public async Task<HarvestResult> RunAsync(CancellationToken cancellationToken)
    {
        if (source is null)
        {
            logger.LogInformation("X source off: {Detail}", sources.Find(SourceNames.X)?.Detail ?? "not registered");
            return new HarvestResult();
        }

        HarvestResult result;
        try
        {
            result = await HarvestAsync(source, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await status.RecordRunAsync(SourceNames.X, 0, e.Message, cancellationToken);
            throw;
        }

        await status.RecordRunAsync(SourceNames.X, result.PostsStored, result.Error, cancellationToken);
        return result;
    }

    private async Task<HarvestResult> HarvestAsync(IXPostSource source, CancellationToken cancellationToken)
    {
        var result = new HarvestResult();
        DateTimeOffset? windowSpentUntil = null;
        foreach (var query in harvest.Value.EnabledQueries)
        {
            if (windowSpentUntil is not null)
            {
                Defer(result.RateLimitedQueries, query, RateLimitedReason);
                continue;
            }

            try
            {
                var (stored, spentUntil) = await HarvestQueryAsync(source, query, cancellationToken);
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
                result.Errors.Add($"{query.Name}: {e.Message}");
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

    private void Skip(XQuery query, IReadOnlyList<SkippedPost> skipped)
    {
        foreach (var post in skipped)
        {
            metrics.PostSkipped(query.Name, post.Kind);
            logger.LogWarning("Query {Query}: skipped post {Id} ({Kind}): {Reason}", query.Name, post.Id ?? "(no id)", post.Kind, post.Reason);
        }
    }

    private void Defer(List<string> deferred, XQuery query, string reason)
    {
        deferred.Add(query.Name);
        metrics.QueryDeferred(query.Name, reason);
    }

    /// <summary>Posts stored for <paramref name="query"/>, and when X's window was spent by its last page, until when.</summary>
    private async Task<(int Stored, DateTimeOffset? WindowSpentUntil)> HarvestQueryAsync(IXPostSource source, XQuery query, CancellationToken cancellationToken)
    {
        var cursor = await store.LoadCursorAsync(source.Origin, query.Name, cancellationToken);
        var stored = 0;
        DateTimeOffset? windowSpentUntil = null;
        for (var page = 0; page < Math.Max(1, xApi.Value.PageBudget); page++)
        {
            var results = await source.SearchRecentAsync(query, cursor.SinceId, cursor.PaginationToken, cancellationToken);
            cursor = cursor.AfterPage(results.NewestId, results.NextToken);
            var refused = await store.StorePageAsync(source.Origin, query.Name, results.Posts, cursor, cancellationToken);
            Skip(query, [.. results.Skipped, .. refused]);
            stored += results.Posts.Count - refused.Count;
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

    /// <summary>Why each failed query failed, for the source's status.</summary>
    public List<string> Errors { get; } = [];

    public string? Error => Errors.Count == 0 ? null : string.Join("; ", Errors);

    public override string ToString() =>
        $"{PostsStored} stored; rate limited: [{string.Join(", ", RateLimitedQueries)}]; failed: [{string.Join(", ", FailedQueries)}]";
}
