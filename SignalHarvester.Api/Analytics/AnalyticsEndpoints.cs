using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SignalHarvester.Api.RateLimiting;
using SignalHarvester.Api.Validation;

namespace SignalHarvester.Api.Analytics;

/// <summary>/api/v1/analytics: aggregates over what the pipelines stored, for dashboards.</summary>
public static partial class AnalyticsEndpoints
{
    private static readonly string[] Intervals = ["day", "week"];

    public static RouteGroupBuilder MapAnalyticsEndpoints(this RouteGroupBuilder api)
    {
        // Each aggregates whole tables: a request costs the caller accordingly.
        var analytics = api.MapGroup("/analytics").WithTags("Analytics").CostsTokens(ExpensiveReads.Aggregate);
        analytics.MapGet("/sources", SourcesAsync).WithName("SourceAnalytics")
            .WithSummary("Per discovery source: artifacts, classified, scored, scores and freshness; and the signal pipeline's posts");
        analytics.MapGet("/trends", TrendsAsync).WithName("TrendAnalytics")
            .WithSummary("Artifacts and posts per day or week, with their mean score");
        analytics.MapGet("/correlations", CorrelationsAsync).WithName("CorrelationAnalytics")
            .WithSummary("Pearson correlations between score components, and of salience with engagement and urgency");
        analytics.MapGet("/score-distributions", ScoreDistributionsAsync).WithName("ScoreDistributionAnalytics")
            .WithSummary("Histograms and percentiles of discovery scores and signal salience");
        return api;
    }

    private static async Task<Ok<SourcesAnalytics>> SourcesAsync(AnalyticsQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SourcesAsync(cancellationToken));

    private static async Task<Results<Ok<TrendsAnalytics>, ValidationProblem>> TrendsAsync(
        AnalyticsQueries queries, TimeProvider clock, CancellationToken cancellationToken,
        int days = 30, string interval = "day", string? source = null)
    {
        var errors = new ValidationErrors();
        errors.Require(days is >= 1 and <= 365, "days", "must be between 1 and 365");
        errors.Require(Intervals.Contains(interval), "interval", "must be day or week");
        errors.Require(IsSourceName(source), "source", "must be a source name (letters, digits, - or _; at most 40)");
        return errors.Any
            ? errors.ToProblem()
            : TypedResults.Ok(await queries.TrendsAsync(days, interval, source, clock.GetUtcNow(), cancellationToken));
    }

    private static async Task<Results<Ok<CorrelationsAnalytics>, ValidationProblem>> CorrelationsAsync(
        AnalyticsQueries queries, CancellationToken cancellationToken, string? source = null)
    {
        var errors = new ValidationErrors();
        errors.Require(IsSourceName(source), "source", "must be a source name (letters, digits, - or _; at most 40)");
        return errors.Any
            ? errors.ToProblem()
            : TypedResults.Ok(await queries.CorrelationsAsync(source, cancellationToken));
    }

    private static async Task<Results<Ok<ScoreDistributionsAnalytics>, ValidationProblem>> ScoreDistributionsAsync(
        AnalyticsQueries queries, CancellationToken cancellationToken, int bins = 10, string? source = null)
    {
        var errors = new ValidationErrors();
        errors.Require(bins is >= 2 and <= 50, "bins", "must be between 2 and 50");
        errors.Require(IsSourceName(source), "source", "must be a source name (letters, digits, - or _; at most 40)");
        return errors.Any
            ? errors.ToProblem()
            : TypedResults.Ok(await queries.ScoreDistributionsAsync(bins, source, cancellationToken));
    }

    private static bool IsSourceName(string? source) => source is null || SourceName().IsMatch(source);

    [GeneratedRegex("^[a-z0-9_-]{1,40}$")]
    private static partial Regex SourceName();
}
