using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SignalHarvester.Api.RateLimiting;
using SignalHarvester.Api.Security;
using SignalHarvester.Api.Signals;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Api.BulkJobs;

/// <summary>
/// /api/v1/signals/bulk and /bulk-jobs: bulk status changes and deletes as durable jobs (stored in
/// <c>bulk_jobs</c>, run by <see cref="BulkJobProcessor"/>), their state, a Server-Sent Events
/// progress stream, and cancel. Starting and cancelling need an API key; reading a job is public.
/// </summary>
public static class SignalBulkJobsEndpoints
{
    private const int MaxIdLength = 32;
    private const string LastEventIdHeader = "Last-Event-ID";

    public static RouteGroupBuilder MapSignalBulkJobsEndpoints(this RouteGroupBuilder api)
    {
        var signals = api.MapGroup("/signals").WithTags("Signal bulk jobs");
        signals.MapPost("/bulk/status", StartStatusAsync).RequireScope(ApiScopes.Write)
            .WithName("BulkSetSignalStatus").WithSummary("Start a job that sets the status of many signals");
        signals.MapPost("/bulk/delete", StartDeleteAsync).RequireScope(ApiScopes.Admin)
            .WithName("BulkDeleteSignals").WithSummary("Start a job that deletes many signals");
        signals.MapGet("/bulk-jobs/{jobId:long}", GetAsync)
            .WithName("GetSignalBulkJob").WithSummary("A bulk job's state and progress")
            .ProducesProblem(StatusCodes.Status404NotFound);
        signals.MapGet("/bulk-jobs/{jobId:long}/events", EventsAsync)
            .WithName("StreamSignalBulkJob").WithSummary("A bulk job's progress as Server-Sent Events, until it ends; resumes after Last-Event-ID")
            .ProducesProblem(StatusCodes.Status404NotFound);
        signals.MapPost("/bulk-jobs/{jobId:long}/cancel", CancelAsync).RequireScope(ApiScopes.Write)
            .WithName("CancelSignalBulkJob").WithSummary("Cancel a queued or running bulk job")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Accepted<BulkJobResponse>, ValidationProblem>> StartStatusAsync(
        BulkStatusRequest request, HarvestDbContext db, IOptions<BulkJobOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(request.Status is not null && SignalStatus.Settable.Contains(request.Status), "status", $"must be one of {string.Join(", ", SignalStatus.Settable)}");
        return await StartAsync(db, options.Value, clock, request.Ids, request.Filter, BulkJobKinds.Status, request.Status, errors, cancellationToken);
    }

    private static Task<Results<Accepted<BulkJobResponse>, ValidationProblem>> StartDeleteAsync(
        BulkDeleteRequest request, HarvestDbContext db, IOptions<BulkJobOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        StartAsync(db, options.Value, clock, request.Ids, request.Filter, BulkJobKinds.Delete, null, new ValidationErrors(), cancellationToken);

    // The target ids are fixed here, in a stable order, so the job's progress offset means the same thing after any restart.
    private static async Task<Results<Accepted<BulkJobResponse>, ValidationProblem>> StartAsync(
        HarvestDbContext db, BulkJobOptions settings, TimeProvider clock, IReadOnlyList<string>? ids, SignalFilter? filter,
        string kind, string? targetStatus, ValidationErrors errors, CancellationToken cancellationToken)
    {
        errors.Require((ids is null) != (filter is null), "ids", "or filter is required, not both");
        if (ids is not null)
        {
            errors.Require(ids.Count is >= 1 && ids.Count <= settings.MaxIds, "ids", $"must hold 1 to {settings.MaxIds} ids")
                .Require(ids.All(id => id is { Length: >= 1 and <= MaxIdLength }), "ids", $"must hold ids of 1 to {MaxIdLength} characters");
        }

        if (filter is not null)
        {
            errors.Require(filter.Status is not null || !string.IsNullOrWhiteSpace(filter.Search) || !string.IsNullOrWhiteSpace(filter.Source),
                    "filter", "must set at least one of status, search, source")
                .Require(filter.Status is null || SignalStatus.All.Contains(filter.Status), "filter.status", $"must be one of {string.Join(", ", SignalStatus.All)}")
                .Require(filter.Search is null || filter.Search.Length <= 200, "filter.search", "must be at most 200 characters")
                .Require(filter.Source is null || filter.Source.Length <= 200, "filter.source", "must be at most 200 characters");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        string[] targets;
        if (ids is not null)
        {
            targets = [.. ids.Distinct(StringComparer.Ordinal)];
        }
        else
        {
            targets = await db.Signals.AsNoTracking().Matching(filter!.Search, filter.Status, filter.Source)
                .OrderBy(t => t.Id).Select(t => t.Id).Take(settings.MaxIds + 1).ToArrayAsync(cancellationToken);
            if (errors.Require(targets.Length <= settings.MaxIds, "filter", $"matches more than {settings.MaxIds} signals; narrow it").Any)
            {
                return errors.ToProblem();
            }
        }

        var now = clock.GetUtcNow();
        var job = new BulkJob
        {
            Kind = kind,
            TargetStatus = targetStatus,
            SignalIds = targets,
            State = BulkJobStates.Queued,
            Total = targets.Length,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.BulkJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted(BulkJobResponse.UrlOf(job.Id), BulkJobResponse.From(job));
    }

    private static async Task<Results<Ok<BulkJobResponse>, ProblemHttpResult>> GetAsync(long jobId, HarvestDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, jobId, cancellationToken) is { } job ? TypedResults.Ok(BulkJobResponse.From(job)) : NotFound(jobId);

    /// <summary>
    /// A <c>progress</c> event whenever the job's processed count grows, then one event named after the terminal
    /// state (<c>completed</c>, <c>cancelled</c>, <c>failed</c>), after which the stream ends. Event ids only grow
    /// (see <see cref="EventIdOf"/>), so a client reconnecting with <c>Last-Event-ID</c> gets only what it has not
    /// seen; one that saw the terminal event gets 204, which tells an <c>EventSource</c> to stop reconnecting.
    /// </summary>
    private static async Task<Results<ServerSentEventsResult<BulkJobResponse>, NoContent, ValidationProblem, ProblemHttpResult>> EventsAsync(
        long jobId, [FromHeader(Name = LastEventIdHeader)] string? lastEventId, HarvestDbContext db, IOptions<BulkJobOptions> options,
        HttpContext context, ClientRateLimiter limiter, OpenStreamSlots slots, IOptions<RateLimitingOptions> limits,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, jobId, cancellationToken) is not { } job)
        {
            return NotFound(jobId);
        }

        var endId = EndEventId(job);
        long seen = -1; // without Last-Event-ID the stream starts with the job as it is
        if (lastEventId is not null)
        {
            var errors = new ValidationErrors().Require(
                long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out seen) && seen <= endId,
                LastEventIdHeader, $"must be an event id of this job: a whole number from 0 to {endId}");
            if (errors.Any)
            {
                return errors.ToProblem();
            }
        }

        if (seen == endId)
        {
            return TypedResults.NoContent();
        }

        // An open stream polls the database for as long as it lasts: a client holds only a few at once,
        // and each keeps paying for itself (see ProgressAsync).
        var partition = limiter.PartitionOf(context);
        if (await slots.TryOpenAsync(partition) is not { } slot)
        {
            context.Response.Headers.RetryAfter = limits.Value.StreamChargeSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many open streams",
                detail: $"This client already has {limits.Value.OpenStreamsPerClient} event streams open; close one, or poll {BulkJobResponse.UrlOf(jobId)}.");
        }

        var charge = new StreamCharge(limiter, partition, slot, TimeSpan.FromSeconds(limits.Value.StreamChargeSeconds), clock);
        return TypedResults.ServerSentEvents(ProgressAsync(jobId, seen, db, TimeSpan.FromMilliseconds(options.Value.ProgressIntervalMilliseconds), clock, charge, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<BulkJobResponse>> ProgressAsync(
        long jobId, long seen, HarvestDbContext db, TimeSpan interval, TimeProvider clock, StreamCharge charge,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var held = charge;
        while (await charge.ContinueAsync() && await FindAsync(db, jobId, cancellationToken) is { } job)
        {
            var terminal = BulkJobStates.IsTerminal(job.State);
            var id = EventIdOf(job);
            if (id > seen)
            {
                yield return new SseItem<BulkJobResponse>(BulkJobResponse.From(job), terminal ? job.State : "progress")
                {
                    EventId = id.ToString(CultureInfo.InvariantCulture),
                };
                seen = id;
            }

            if (terminal)
            {
                yield break;
            }

            await Task.Delay(interval, clock, cancellationToken);
        }
    }

    // A progress event's id is the count processed when it was sent (it never goes back); the terminal event's is
    // total + 1, above every progress id, whatever count the job stopped at.
    private static long EventIdOf(BulkJob job) => BulkJobStates.IsTerminal(job.State) ? EndEventId(job) : job.Processed;

    private static long EndEventId(BulkJob job) => job.Total + 1L;

    // A cancel that commits before the running batch stops the job there; one that waits on the batch's row lock stops it after.
    private static async Task<Results<Ok<BulkJobResponse>, ProblemHttpResult>> CancelAsync(
        long jobId, HarvestDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cancelled = await db.BulkJobs
            .Where(j => j.Id == jobId && (j.State == BulkJobStates.Queued || j.State == BulkJobStates.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, BulkJobStates.Cancelled)
                .SetProperty(j => j.CompletedAt, now)
                .SetProperty(j => j.UpdatedAt, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        var job = await FindAsync(db, jobId, cancellationToken);
        return job is null ? NotFound(jobId)
            : cancelled == 0 ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Bulk job already finished",
                detail: $"Bulk job {jobId} is {job.State}; only a queued or running job can be cancelled.")
            : TypedResults.Ok(BulkJobResponse.From(job));
    }

    private static Task<BulkJob?> FindAsync(HarvestDbContext db, long jobId, CancellationToken cancellationToken) =>
        db.BulkJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);

    private static ProblemHttpResult NotFound(long jobId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Bulk job not found", detail: $"No bulk job with id {jobId}.");
}
