using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SignalHarvester.Api.Paging;
using SignalHarvester.Api.Pipelines;
using SignalHarvester.Api.Security;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Snapshots;

/// <summary>
/// /api/v1/snapshots: the signal exports the worker writes (one row per file and format), a new
/// export on demand (run by the worker; needs an API key), and the files themselves.
/// </summary>
public static class SnapshotsEndpoints
{
    private static readonly string[] Formats = ["json", "ndjson", "csv"];

    public static RouteGroupBuilder MapSnapshotsEndpoints(this RouteGroupBuilder api)
    {
        var snapshots = api.MapGroup("/snapshots").WithTags("Snapshots");
        snapshots.MapGet("/", ListAsync).WithName("ListSnapshots").WithSummary("Snapshot files, newest first, paged");
        snapshots.MapGet("/{id:long}", GetAsync).WithName("GetSnapshot").WithSummary("One snapshot file's record");
        snapshots.MapPost("/", Create).RequireScope(ApiScopes.Write)
            .WithName("CreateSnapshot").WithSummary("Export a snapshot of the top signals now (run by the worker)");
        snapshots.MapGet("/{id:long}/download", DownloadAsync)
            // A file result documents no response by itself: name the 200 and its media types.
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/gzip", "application/json", "application/x-ndjson", "text/csv")
            .WithName("DownloadSnapshot").WithSummary("The snapshot file, or its sibling of the same export in another format");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<SnapshotResponse>>, ValidationProblem>> ListAsync(
        HarvestDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = 50)
    {
        var errors = new ValidationErrors()
            .RequirePage(page, pageSize);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Snapshots.AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        if (new ValidationErrors().RequirePageWithin(page, pageSize, total) is { Any: true } beyond)
        {
            return beyond.ToProblem();
        }

        var items = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip(ValidationErrors.Offset(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<SnapshotResponse>(items.Select(SnapshotResponse.From).ToList(), page, pageSize, total));
    }

    private static async Task<Results<Ok<SnapshotResponse>, ProblemHttpResult>> GetAsync(long id, HarvestDbContext db, CancellationToken cancellationToken) =>
        await db.Snapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } snapshot
            ? TypedResults.Ok(SnapshotResponse.From(snapshot))
            : NotFound($"No snapshot with id {id}.");

    /// <summary>202 with the worker's run: <c>Location</c> is its status URL; the new rows appear in the list when it succeeds.</summary>
    private static Accepted<PipelineRunResponse> Create(PipelineJobClient jobs) => PipelineRuns.Start(jobs, PipelineJobContracts.Snapshot);

    private static async Task<Results<PhysicalFileHttpResult, ValidationProblem, ProblemHttpResult>> DownloadAsync(
        long id, HarvestDbContext db, SnapshotFiles files, CancellationToken cancellationToken, string? format = null)
    {
        var errors = new ValidationErrors().Require(format is null || Formats.Contains(format), "format", $"must be one of {string.Join(", ", Formats)}");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var snapshot = await db.Snapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (snapshot is null)
        {
            return NotFound($"No snapshot with id {id}.");
        }

        // Another format of the same export: the row written alongside it (same time, same scope).
        if (format is not null && format != snapshot.Format)
        {
            snapshot = await db.Snapshots.AsNoTracking()
                .Where(s => s.CreatedAt == snapshot.CreatedAt && s.SignalId == snapshot.SignalId && s.Format == format)
                .OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
            if (snapshot is null)
            {
                return NotFound($"Snapshot {id} was not exported as {format}.");
            }
        }

        if (snapshot.Status != SnapshotStatus.Ready)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Snapshot not ready",
                detail: $"Snapshot {snapshot.Id} is {snapshot.Status}{(snapshot.Error is null ? "" : ": " + snapshot.Error)}.");
        }

        var path = files.Resolve(snapshot.Path);
        return path is null
            ? NotFound($"The file of snapshot {snapshot.Id} is not in the snapshot directory (pruned by retention, or written elsewhere).")
            : TypedResults.PhysicalFile(path, SnapshotFiles.ContentTypeOf(path), Path.GetFileName(path));
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Snapshot not found", detail: detail);
}
