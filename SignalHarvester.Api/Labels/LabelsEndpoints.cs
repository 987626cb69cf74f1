using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SignalHarvester.Api.Paging;
using SignalHarvester.Api.RateLimiting;
using SignalHarvester.Api.Security;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Experiments;

namespace SignalHarvester.Api.Labels;

/// <summary>/api/v1/labels: one human label per artifact (relevant or irrelevant), the ground truth of experiments; CSV import and export.</summary>
public static class LabelsEndpoints
{
    public static RouteGroupBuilder MapLabelsEndpoints(this RouteGroupBuilder api)
    {
        var labels = api.MapGroup("/labels").WithTags("Labels");
        labels.MapGet("/", ListAsync).WithName("ListLabels").WithSummary("Labels, paged, newest first");
        labels.MapGet("/export", ExportAsync).WithName("ExportLabels").CostsTokens(ExpensiveReads.WholeTable).WithSummary("All labels as CSV (artifact_id,label,annotator,notes), as import reads them")
            .Produces<string>(StatusCodes.Status200OK, LabelCsv.ContentType);
        labels.MapPost("/import", ImportAsync).WithName("ImportLabels").RequireScope(ApiScopes.Admin)
            .WithSummary("Upsert labels from CSV (text/csv): every row is stored, or none when any row is bad")
            .Accepts<string>(LabelCsv.ContentType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        labels.MapGet("/{artifactId:long}", GetAsync).WithName("GetLabel").WithSummary("The label of one artifact")
            .ProducesProblem(StatusCodes.Status404NotFound);
        labels.MapPut("/{artifactId:long}", UpsertAsync).WithName("UpsertLabel").RequireScope(ApiScopes.Write)
            .WithSummary("Label an artifact (relevant or irrelevant), replacing its previous label")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<PagedResult<LabelResponse>>, ValidationProblem>> ListAsync(
        HarvestDbContext db, CancellationToken cancellationToken,
        string? label = null, string? annotator = null, int page = 1, int pageSize = 50)
    {
        var errors = new ValidationErrors()
            .Require("label", label is null ? null : LabelRules.CheckLabel(label))
            .Require(annotator is null || annotator.Length <= LabelRules.MaxAnnotatorLength, "annotator", $"must be at most {LabelRules.MaxAnnotatorLength} characters")
            .RequirePage(page, pageSize);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = LabelQueries.Filter(db, label, annotator);
        var total = await query.CountAsync(cancellationToken);
        if (new ValidationErrors().RequirePageWithin(page, pageSize, total) is { Any: true } beyond)
        {
            return beyond.ToProblem();
        }

        var items = await (from l in query
                           join a in db.Artifacts on l.ArtifactId equals a.Id
                           orderby l.UpdatedAt descending, l.Id descending
                           select new LabelResponse(l.ArtifactId, l.Label, l.Annotator, l.Notes, l.CreatedAt, l.UpdatedAt, a.Source, a.Title))
            .Skip(ValidationErrors.Offset(page, pageSize)).Take(pageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<LabelResponse>(items, page, pageSize, total));
    }

    private static async Task<Results<Ok<LabelResponse>, ProblemHttpResult>> GetAsync(long artifactId, HarvestDbContext db, CancellationToken cancellationToken)
    {
        var label = await (from l in db.DiscoveryLabels.AsNoTracking()
                           where l.ArtifactId == artifactId
                           join a in db.Artifacts on l.ArtifactId equals a.Id
                           select new LabelResponse(l.ArtifactId, l.Label, l.Annotator, l.Notes, l.CreatedAt, l.UpdatedAt, a.Source, a.Title))
            .FirstOrDefaultAsync(cancellationToken);
        return label is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Label not found", detail: $"Artifact {artifactId} has no label.")
            : TypedResults.Ok(label);
    }

    private static async Task<Results<Created<LabelResponse>, Ok<LabelResponse>, ValidationProblem, ProblemHttpResult>> UpsertAsync(
        long artifactId, UpsertLabelRequest request, HarvestDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var label = request.Label?.Trim();
        var annotator = string.IsNullOrWhiteSpace(request.Annotator) ? null : request.Annotator.Trim();
        var errors = new ValidationErrors()
            .Require("label", LabelRules.CheckLabel(label))
            .Require("annotator", LabelRules.CheckAnnotator(annotator))
            .Require("notes", LabelRules.CheckNotes(request.Notes));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var artifact = await db.Artifacts.AsNoTracking().Where(a => a.Id == artifactId).Select(a => new { a.Source, a.Title }).FirstOrDefaultAsync(cancellationToken);
        if (artifact is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Artifact not found", detail: $"No artifact with id {artifactId}.");
        }

        var (stored, created) = await StoreAsync(db, [new LabelRow(artifactId, label!, annotator, request.Notes, 0)], clock, cancellationToken);
        var response = Response(stored[0], artifact.Source, artifact.Title);
        return created == 1
            ? TypedResults.Created($"/api/v1/labels/{artifactId}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<LabelImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, HarvestDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.GetTypedHeaders().ContentType?.MediaType.Value, LabelCsv.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the labels as {LabelCsv.ContentType} (header artifact_id,label,annotator,notes).");
        }

        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit!.Value);
        }

        using var body = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(body, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit ?? 0); // a chunked body that outgrew the limit
        }

        var errors = new ValidationErrors();
        var rows = LabelCsv.Read(body.GetBuffer().AsMemory(0, (int)body.Length), errors);
        var ids = rows.Where(r => r.ArtifactId > 0).Select(r => r.ArtifactId).Distinct().ToList();
        var known = (await db.Artifacts.Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var row in rows.Where(r => r.ArtifactId > 0 && !known.Contains(r.ArtifactId)))
        {
            LabelCsv.Report(errors, row.Line, "artifact_id", $"names no artifact (id {row.ArtifactId})");
        }

        if (errors.Any)
        {
            return errors.ToProblem("Nothing was imported: fix the rows named in errors and send the file again.");
        }

        var (stored, created) = await StoreAsync(db, rows, clock, cancellationToken);
        return TypedResults.Ok(new LabelImportResult(stored.Count, created, stored.Count - created));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        HarvestDbContext db, CancellationToken cancellationToken, string? label = null, string? annotator = null)
    {
        var errors = new ValidationErrors()
            .Require("label", label is null ? null : LabelRules.CheckLabel(label))
            .Require(annotator is null || annotator.Length <= LabelRules.MaxAnnotatorLength, "annotator", $"must be at most {LabelRules.MaxAnnotatorLength} characters");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var labels = await LabelQueries.Filter(db, label, annotator).OrderBy(l => l.ArtifactId)
            .Select(l => new LabelRow(l.ArtifactId, l.Label, l.Annotator, l.Notes, 0))
            .ToListAsync(cancellationToken);
        using var csv = new MemoryStream();
        LabelCsv.Write(csv, labels);
        return TypedResults.File(csv.ToArray(), $"{LabelCsv.ContentType}; charset=utf-8", "labels.csv");
    }

    /// <summary>Upserts every row in one SaveChanges (one transaction); returns the stored labels in row order and how many were new.</summary>
    private static async Task<(IReadOnlyList<DiscoveryLabel> Stored, int Created)> StoreAsync(
        HarvestDbContext db, IReadOnlyList<LabelRow> rows, TimeProvider clock, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.ArtifactId).ToList();
        var existing = await db.DiscoveryLabels.Where(l => ids.Contains(l.ArtifactId)).ToDictionaryAsync(l => l.ArtifactId, cancellationToken);
        var now = clock.GetUtcNow();
        var stored = new List<DiscoveryLabel>(rows.Count);
        var created = 0;
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.ArtifactId, out var label))
            {
                label = new DiscoveryLabel { ArtifactId = row.ArtifactId, Label = row.Label, CreatedAt = now };
                db.DiscoveryLabels.Add(label);
                created++;
            }

            label.Label = row.Label;
            label.Annotator = row.Annotator;
            label.Notes = row.Notes;
            label.UpdatedAt = now;
            stored.Add(label);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (stored, created);
    }

    private static LabelResponse Response(DiscoveryLabel label, string source, string title) =>
        new(label.ArtifactId, label.Label, label.Annotator, label.Notes, label.CreatedAt, label.UpdatedAt, source, title);

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
            detail: $"A label import may be at most {limit} bytes; split the file.");
}
