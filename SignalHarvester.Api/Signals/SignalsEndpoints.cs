using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SignalHarvester.Api.Paging;
using SignalHarvester.Api.Security;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Caching;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Api.Signals;

/// <summary>/api/v1/signals: harvested posts, classified and scored, addressed by the X post id.</summary>
public static partial class SignalsEndpoints
{
    /// <summary>The source (matched query name) of signals added through the API: <c>?source=manual</c> lists them.</summary>
    public const string ManualSource = "manual";

    private const string IdRoute = "/{id:regex(^[0-9]+$)}";
    private const int MaxTextLength = 4000;
    private const int MaxNotesLength = 2000;

    /// <summary>
    /// The listing counts matching signals up to this many: an exact count grows with the table (a full index scan per
    /// request), a bounded one does not. Past it, <c>total</c> is this number and <c>totalExact</c> false.
    /// </summary>
    public const int ExactTotalLimit = 10_000;

    private static readonly string[] Sorts = ["salience", "created_at", "engagement"];
    private static readonly string[] Orders = ["asc", "desc"];

    public static RouteGroupBuilder MapSignalsEndpoints(this RouteGroupBuilder api)
    {
        var signals = api.MapGroup("/signals").WithTags("Signals");
        // Listing, top and stats are the same for every caller and cached under the signals tag, which every writer
        // evicts. One signal by id is not: it is one index lookup, ids are many (a cache of them would be mostly misses
        // that each store an entry), and every write would evict them all.
        signals.MapGet("/", ListAsync).CacheOutput(ResponseCacheTags.Signals).WithName("ListSignals").WithSummary("Signals, paged, filtered and sorted");
        signals.MapGet("/top", TopAsync).CacheOutput(ResponseCacheTags.Signals).WithName("TopSignals").WithSummary("The most salient recent signals");
        signals.MapGet("/stats", StatsAsync).CacheOutput(ResponseCacheTags.Signals).WithName("SignalStats").WithSummary("Counts by status and category");
        signals.MapGet("/{id}", GetAsync).WithName("GetSignal").WithSummary("One signal by X post id");
        signals.MapPost("/", CreateAsync).RequireScope(ApiScopes.Write).WithName("CreateSignal").WithSummary("Add a signal by hand");
        // Mutations address signals by their X post id (digits), so no literal route (/stats, /top, /bulk/…) can be taken for an id.
        signals.MapPatch(IdRoute, UpdateAsync).RequireScope(ApiScopes.Write).WithName("UpdateSignal").WithSummary("Change a signal's review status, category or notes");
        signals.MapDelete(IdRoute, DeleteAsync).RequireScope(ApiScopes.Write).WithName("DeleteSignal").WithSummary("Delete a signal");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<SignalResponse>>, ValidationProblem>> ListAsync(
        HarvestDbContext db, CancellationToken cancellationToken,
        int page = 1, int pageSize = 50, string? search = null, string? status = null, string? source = null,
        string sort = "salience", string order = "desc", string? origin = null)
    {
        var errors = new ValidationErrors();
        errors.RequirePage(page, pageSize);
        errors.Require(status is null || SignalStatus.All.Contains(status), "status", $"must be one of {string.Join(", ", SignalStatus.All)}");
        errors.Require(Sorts.Contains(sort), "sort", $"must be one of {string.Join(", ", Sorts)}");
        errors.Require(Orders.Contains(order), "order", "must be asc or desc");
        errors.Require(search is null || search.Length <= 200, "search", "must be at most 200 characters");
        errors.Require(origin is null || DataOrigin.All.Contains(origin), "origin", $"must be one of {string.Join(", ", DataOrigin.All)}");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Signals.AsNoTracking().Matching(search, status, source);
        if (origin is not null)
        {
            query = query.Where(t => t.Origin == origin);
        }

        // Counted before ordering, so the bounded count stops after its limit instead of sorting every match.
        var counted = await query.Take(ExactTotalLimit + 1).CountAsync(cancellationToken);
        var totalExact = counted <= ExactTotalLimit;
        var total = Math.Min(counted, ExactTotalLimit);
        // Past the limit the last page is unknown: a page beyond the matches is empty rather than refused.
        if (totalExact && new ValidationErrors().RequirePageWithin(page, pageSize, total) is { Any: true } beyond)
        {
            return beyond.ToProblem();
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

        // The page's ids come from the listing index alone (a deep page skips index entries, not whole rows),
        // then only those rows are read, in the same order.
        var pageIds = query.Skip(ValidationErrors.Offset(page, pageSize)).Take(pageSize).Select(t => t.Id);
        var items = await query.Where(t => pageIds.Contains(t.Id)).Select(SignalResponse.Columns).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<SignalResponse>(items.Select(SignalResponse.From).ToList(), page, pageSize, total, totalExact));
    }

    private static async Task<Results<Ok<IReadOnlyList<SignalResponse>>, ValidationProblem>> TopAsync(
        HarvestDbContext db, TimeProvider clock, CancellationToken cancellationToken,
        int limit = 50, double minSalience = 0, int hours = 24)
    {
        var errors = new ValidationErrors();
        errors.Require(limit is >= 1 and <= 200, "limit", "must be between 1 and 200");
        errors.Require(minSalience is >= 0 and <= 100, "minSalience", "must be between 0 and 100");
        errors.Require(hours is >= 1 and <= 168, "hours", "must be between 1 and 168");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var since = clock.GetUtcNow().AddHours(-hours);
        var top = await db.Signals.AsNoTracking()
            .Where(t => t.Salience != null && t.Salience >= minSalience && t.CreatedAt >= since)
            .OrderByDescending(t => t.Salience).ThenByDescending(t => t.CreatedAt)
            .Take(limit)
            .Select(SignalResponse.Columns)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SignalResponse>>(top.Select(SignalResponse.From).ToList());
    }

    private static async Task<Ok<SignalStats>> StatsAsync(HarvestDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Signals.AsNoTracking()
            .GroupBy(t => new { t.Category, Scored = t.Salience != null, Notified = t.NotifiedAt != null, t.ReviewStatus })
            .Select(g => new { g.Key.Category, g.Key.Scored, g.Key.Notified, g.Key.ReviewStatus, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = SignalStatus.All.ToDictionary(s => s, _ => 0);
        foreach (var row in rows)
        {
            byStatus[SignalStatus.Derive(row.Category, row.Scored ? 0 : null, row.Notified ? DateTimeOffset.MinValue : null, row.ReviewStatus)] += row.Count;
        }

        var byCategory = rows.Where(r => r.Category is not null)
            .GroupBy(r => r.Category!).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var average = await db.Signals.Where(t => t.Salience != null).AverageAsync(t => t.Salience, cancellationToken);
        var newest = await db.Signals.MaxAsync(t => (DateTimeOffset?)t.CreatedAt, cancellationToken);
        return TypedResults.Ok(new SignalStats(rows.Sum(r => r.Count), byStatus, byCategory, average is null ? null : Math.Round(average.Value, 3), newest));
    }

    private static async Task<Results<Ok<SignalResponse>, ProblemHttpResult>> GetAsync(string id, HarvestDbContext db, CancellationToken cancellationToken)
    {
        var signal = await db.Signals.AsNoTracking().Where(t => t.Id == id).Select(SignalResponse.Columns).FirstOrDefaultAsync(cancellationToken);
        return signal is null ? NotFound(id) : TypedResults.Ok(SignalResponse.From(signal));
    }

    private static async Task<Results<Created<SignalResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        SignalCreateRequest request, HarvestDbContext db, SignalsChanged changed, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(request.Id is not null && PostId().IsMatch(request.Id), "id", "must be an X post id: 1 to 32 digits")
            .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "is required")
            .Require(request.Text is null || request.Text.Length <= MaxTextLength, "text", $"must be at most {MaxTextLength} characters")
            .Require(request.AuthorUsername is null || request.AuthorUsername.Length is >= 1 and <= 64, "authorUsername", "must be 1 to 64 characters")
            .Require(request.AuthorName is null || request.AuthorName.Length <= 200, "authorName", "must be at most 200 characters")
            .Require(request.Lang is null || request.Lang.Length is >= 1 and <= 16, "lang", "must be 1 to 16 characters")
            .Require(request.Category is null || SignalNames.CategoryNames.Contains(request.Category), "category", $"must be one of {string.Join(", ", SignalNames.CategoryNames)}")
            .Require(request.Tags is null || (request.Tags.Count <= 20 && request.Tags.All(t => t is { Length: >= 1 and <= 50 })), "tags", "must hold at most 20 tags of 1 to 50 characters")
            .Require(request.Notes is null || request.Notes.Length <= MaxNotesLength, "notes", $"must be at most {MaxNotesLength} characters");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await db.Signals.AnyAsync(t => t.Id == request.Id, cancellationToken))
        {
            return AlreadyExists(request.Id!);
        }

        var now = clock.GetUtcNow();
        var signal = new Signal
        {
            Id = request.Id!,
            Text = request.Text!,
            AuthorUsername = request.AuthorUsername,
            AuthorName = request.AuthorName,
            CreatedAt = request.CreatedAt?.ToUniversalTime() ?? now,
            Lang = request.Lang,
            MatchedQueries = [ManualSource],
            Category = request.Category,
            Tags = [.. request.Tags ?? []],
            Notes = string.IsNullOrEmpty(request.Notes) ? null : request.Notes,
            InsertedAt = now,
            UpdatedAt = now,
        };
        db.Signals.Add(signal);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AlreadyExists(signal.Id); // created by someone else since the check above
        }

        await changed.EvictAsync();
        return TypedResults.Created($"/api/v1/signals/{signal.Id}", SignalResponse.From(signal));
    }

    private static async Task<Results<Ok<SignalResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, SignalUpdateRequest request, HarvestDbContext db, SignalsChanged changed, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(request.Status is not null || request.Category is not null || request.Notes is not null, "body", "must change at least one of status, category, notes")
            .Require(request.Status is null || SignalStatus.Settable.Contains(request.Status), "status", $"must be one of {string.Join(", ", SignalStatus.Settable)}")
            .Require(request.Category is null || SignalNames.CategoryNames.Contains(request.Category), "category", $"must be one of {string.Join(", ", SignalNames.CategoryNames)}")
            .Require(request.Notes is null || request.Notes.Length <= MaxNotesLength, "notes", $"must be at most {MaxNotesLength} characters");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var signal = await db.Signals.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (signal is null)
        {
            return NotFound(id);
        }

        if (request.Status is not null)
        {
            signal.ReviewStatus = SignalStatus.ToReviewStatus(request.Status);
        }

        if (request.Category is not null)
        {
            signal.Category = request.Category;
        }

        if (request.Notes is not null)
        {
            signal.Notes = request.Notes.Length == 0 ? null : request.Notes;
        }

        signal.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await changed.EvictAsync();
        return TypedResults.Ok(SignalResponse.From(signal));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HarvestDbContext db, SignalsChanged changed, CancellationToken cancellationToken)
    {
        if (await db.Signals.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return NotFound(id);
        }

        await changed.EvictAsync();
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Signal not found", detail: $"No signal with id '{id}'.");

    private static ProblemHttpResult AlreadyExists(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Signal already exists", detail: $"A signal with id '{id}' exists; change it with PATCH /api/v1/signals/{id}.");

    [GeneratedRegex("^[0-9]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostId();
}
