using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SignalHarvester.Api.Contracts;
using SignalHarvester.Core.Data;
using SignalHarvester.Core.Data.Entities;
using SignalHarvester.Core.Signals;

namespace SignalHarvester.Api.Endpoints;

/// <summary>/api/v1/signals: harvested posts, classified and scored, addressed by the X post id.</summary>
public static class SignalsEndpoints
{
    private static readonly string[] Sorts = ["salience", "created_at", "engagement"];
    private static readonly string[] Orders = ["asc", "desc"];

    public static RouteGroupBuilder MapSignalsEndpoints(this RouteGroupBuilder api)
    {
        var signals = api.MapGroup("/signals").WithTags("Signals");
        signals.MapGet("/", ListAsync).WithName("ListSignals").WithSummary("Signals, paged, filtered and sorted");
        signals.MapGet("/top", TopAsync).WithName("TopSignals").WithSummary("The most salient recent signals");
        signals.MapGet("/stats", StatsAsync).WithName("SignalStats").WithSummary("Counts by status and category");
        signals.MapGet("/{id}", GetAsync).WithName("GetSignal").WithSummary("One signal by X post id");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<SignalResponse>>, ValidationProblem>> ListAsync(
        HarvestDbContext db, CancellationToken cancellationToken,
        int page = 1, int pageSize = 50, string? search = null, string? status = null, string? source = null,
        string sort = "salience", string order = "desc")
    {
        var errors = new ValidationErrors();
        errors.Require(page >= 1, "page", "must be 1 or more");
        errors.Require(pageSize is >= 1 and <= 200, "pageSize", "must be between 1 and 200");
        errors.Require(status is null || SignalStatus.All.Contains(status), "status", $"must be one of {string.Join(", ", SignalStatus.All)}");
        errors.Require(Sorts.Contains(sort), "sort", $"must be one of {string.Join(", ", Sorts)}");
        errors.Require(Orders.Contains(order), "order", "must be asc or desc");
        errors.Require(search is null || search.Length <= 200, "search", "must be at most 200 characters");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IQueryable<Tweet> query = db.Tweets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{EscapeLike(search.Trim())}%";
            query = query.Where(t => EF.Functions.ILike(t.Text, pattern, "\\") || EF.Functions.ILike(t.AuthorUsername!, pattern, "\\"));
        }

        if (status is not null)
        {
            query = query.Where(SignalStatus.Is(status));
        }

        if (!string.IsNullOrWhiteSpace(source))
        {
            query = query.Where(t => t.MatchedQueries.Contains(source));
        }

        var descending = order == "desc";
        query = (sort, descending) switch
        {
            ("created_at", true) => query.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
            ("created_at", false) => query.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
            ("engagement", true) => query.OrderByDescending(t => t.LikeCount + t.RetweetCount + t.ReplyCount + t.QuoteCount).ThenBy(t => t.Id),
            ("engagement", false) => query.OrderBy(t => t.LikeCount + t.RetweetCount + t.ReplyCount + t.QuoteCount).ThenBy(t => t.Id),
            (_, true) => query.OrderByDescending(t => t.Salience.HasValue).ThenByDescending(t => t.Salience).ThenByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
            (_, false) => query.OrderBy(t => t.Salience).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id),
        };

        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<SignalResponse>(items.Select(SignalResponse.From).ToList(), page, pageSize, total));
    }

    private static async Task<Results<Ok<IReadOnlyList<SignalResponse>>, ValidationProblem>> TopAsync(
        HarvestDbContext db, TimeProvider clock, CancellationToken cancellationToken,
        int limit = 50, double minSalience = 0, int hours = 24)
    {
        var errors = new ValidationErrors();
        errors.Require(limit is >= 1 and <= 200, "limit", "must be between 1 and 200");
        errors.Require(minSalience is >= 0 and <= 100, "minSalience", "must be between 0 and 100");
        errors.Require(hours is >= 1 and <= 168, "hours", "must be between 1 and 168");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var since = clock.GetUtcNow().AddHours(-hours);
        var top = await db.Tweets.AsNoTracking()
            .Where(t => t.Salience != null && t.Salience >= minSalience && t.CreatedAt >= since)
            .OrderByDescending(t => t.Salience).ThenByDescending(t => t.CreatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SignalResponse>>(top.Select(SignalResponse.From).ToList());
    }

    private static async Task<Ok<SignalStats>> StatsAsync(HarvestDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Tweets.AsNoTracking()
            .GroupBy(t => new { t.Category, Scored = t.Salience != null, Notified = t.NotifiedAt != null })
            .Select(g => new { g.Key.Category, g.Key.Scored, g.Key.Notified, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = SignalStatus.All.ToDictionary(s => s, _ => 0);
        foreach (var row in rows)
        {
            byStatus[SignalStatus.Derive(row.Category, row.Scored ? 0 : null, row.Notified ? DateTimeOffset.MinValue : null)] += row.Count;
        }

        var byCategory = rows.Where(r => r.Category is not null)
            .GroupBy(r => r.Category!).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var average = await db.Tweets.Where(t => t.Salience != null).AverageAsync(t => t.Salience, cancellationToken);
        var newest = await db.Tweets.MaxAsync(t => (DateTimeOffset?)t.CreatedAt, cancellationToken);
        return TypedResults.Ok(new SignalStats(rows.Sum(r => r.Count), byStatus, byCategory, average is null ? null : Math.Round(average.Value, 3), newest));
    }

    private static async Task<Results<Ok<SignalResponse>, ProblemHttpResult>> GetAsync(string id, HarvestDbContext db, CancellationToken cancellationToken)
    {
        var tweet = await db.Tweets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tweet is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Signal not found", detail: $"No signal with id '{id}'.")
            : TypedResults.Ok(SignalResponse.From(tweet));
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
