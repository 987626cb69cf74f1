using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using SignalHarvester.Api.Paging;
using SignalHarvester.Api.Security;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Domain.Experiments;

namespace SignalHarvester.Api.Experiments;

/// <summary>/api/v1/experiments: scoring configurations backtested against the human labels, and compared.</summary>
public static class ExperimentsEndpoints
{
    private static readonly int[] DefaultK = [5, 10, 20];

    public static RouteGroupBuilder MapExperimentsEndpoints(this RouteGroupBuilder api)
    {
        var experiments = api.MapGroup("/experiments").WithTags("Experiments");
        experiments.MapPost("/", CreateAsync).WithName("CreateExperiment").RequireScope(ApiScopes.Write)
            .WithSummary("Create an experiment: scoring weights, recency time constant, threshold and precision@k cut-offs")
            .ProducesProblem(StatusCodes.Status409Conflict);
        experiments.MapGet("/", ListAsync).WithName("ListExperiments").WithSummary("Experiments, newest first, each with its latest run");
        experiments.MapGet("/compare", CompareAsync).WithName("CompareExperiments")
            .WithSummary("The latest runs of two experiments side by side, with deltas (b − a)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        experiments.MapGet("/{id:long}", GetAsync).WithName("GetExperiment").WithSummary("One experiment with its latest run")
            .ProducesProblem(StatusCodes.Status404NotFound);
        experiments.MapGet("/{id:long}/runs", RunsAsync).WithName("ListExperimentRuns").WithSummary("An experiment's runs, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        experiments.MapPost("/{id:long}/run", RunAsync).WithName("RunExperiment").RequireScope(ApiScopes.Write)
            .WithSummary("Backtest now: re-score the labelled artifacts with the experiment's weights and measure against the labels")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Created<ExperimentResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateExperimentRequest request, HarvestDbContext db, IOptions<DiscoveryScoringOptions> scoring, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var config = request.Config;
        var k = config?.K ?? DefaultK;
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Name), "name", "is required")
            .Require(request.Name is null || request.Name.Trim().Length <= 200, "name", "must be at most 200 characters")
            .Require(request.Description is null || request.Description.Length <= 2000, "description", "must be at most 2000 characters")
            .Require(config is not null, "config", "is required")
            .Require(config?.NoveltyWeight is null or (>= 0 and <= 10), "config.noveltyWeight", "must be between 0 and 10")
            .Require(config?.EmergenceWeight is null or (>= 0 and <= 10), "config.emergenceWeight", "must be between 0 and 10")
            .Require(config?.ObscurityWeight is null or (>= 0 and <= 10), "config.obscurityWeight", "must be between 0 and 10")
            .Require(config?.RecencyTimeConstantHours is null or (> 0 and <= 100_000), "config.recencyTimeConstantHours", "must be above 0 and at most 100000")
            .Require(config is null || config.Threshold is >= 0 and <= 100, "config.threshold", "is required and must be between 0 and 100")
            .Require(k.Count is >= 1 and <= 10 && k.All(cutoff => cutoff is >= 1 and <= 1000), "config.k", "must hold 1 to 10 cut-offs, each between 1 and 1000");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var name = request.Name!.Trim();
        if (await db.Experiments.AnyAsync(e => e.Name == name, cancellationToken))
        {
            return DuplicateName(name);
        }

        // The resolved configuration is stored, so a run means the same thing after Discovery:Scoring changes.
        var current = scoring.Value;
        var resolved = new ExperimentConfig(
            config!.NoveltyWeight ?? current.NoveltyWeight,
            config.EmergenceWeight ?? current.EmergenceWeight,
            config.ObscurityWeight ?? current.ObscurityWeight,
            config.RecencyTimeConstantHours ?? current.RecencyTimeConstantHours,
            config.Threshold!.Value,
            k.Distinct().Order().ToList());
        var experiment = new Experiment
        {
            Name = name,
            Description = request.Description,
            Config = ExperimentConfigJson.Write(resolved),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Experiments.Add(experiment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return DuplicateName(name); // created concurrently
        }

        return TypedResults.Created($"/api/v1/experiments/{experiment.Id}", ExperimentResponse.From(experiment, null));
    }

    private static async Task<Results<Ok<PagedResult<ExperimentResponse>>, ValidationProblem>> ListAsync(
        HarvestDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = 50)
    {
        var errors = new ValidationErrors()
            .RequirePage(page, pageSize);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var total = await db.Experiments.CountAsync(cancellationToken);
        if (new ValidationErrors().RequirePageWithin(page, pageSize, total) is { Any: true } beyond)
        {
            return beyond.ToProblem();
        }

        var items = await db.Experiments.AsNoTracking().OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip(ValidationErrors.Offset(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        var latest = await ExperimentQueries.LatestRunsAsync(db, items.Select(e => e.Id), cancellationToken);
        return TypedResults.Ok(new PagedResult<ExperimentResponse>(
            items.Select(e => ExperimentResponse.From(e, latest.GetValueOrDefault(e.Id))).ToList(), page, pageSize, total));
    }

    private static async Task<Results<Ok<ExperimentResponse>, ProblemHttpResult>> GetAsync(long id, HarvestDbContext db, CancellationToken cancellationToken)
    {
        var experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (experiment is null)
        {
            return ExperimentNotFound(id);
        }

        var latest = await ExperimentQueries.LatestRunsAsync(db, [id], cancellationToken);
        return TypedResults.Ok(ExperimentResponse.From(experiment, latest.GetValueOrDefault(id)));
    }

    private static async Task<Results<Ok<IReadOnlyList<ExperimentRunResponse>>, ProblemHttpResult>> RunsAsync(
        long id, HarvestDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Experiments.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return ExperimentNotFound(id);
        }

        var runs = await db.ExperimentRuns.AsNoTracking().Where(r => r.ExperimentId == id)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ExperimentRunResponse>>(runs.Select(ExperimentRunResponse.From).ToList());
    }

    private static async Task<Results<Created<ExperimentRunResponse>, ValidationProblem, ProblemHttpResult>> RunAsync(
        long id, HarvestDbContext db, TimeProvider clock, CancellationToken cancellationToken, string? annotator = null)
    {
        var errors = new ValidationErrors().Require(annotator is null || annotator.Length is >= 1 and <= 100, "annotator", "must be 1 to 100 characters");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (experiment is null)
        {
            return ExperimentNotFound(id);
        }

        var started = clock.GetUtcNow();
        var config = ExperimentConfigJson.Read(experiment.Config);
        var labels = db.DiscoveryLabels.AsNoTracking()
            .Where(l => l.Label == DiscoveryLabelValues.Relevant || l.Label == DiscoveryLabelValues.Irrelevant);
        if (annotator is not null)
        {
            labels = labels.Where(l => l.Annotator == annotator);
        }

        var labelled = await (from label in labels
                              join artifact in db.Artifacts on label.ArtifactId equals artifact.Id
                              select new { label.ArtifactId, label.Label, artifact.PublishedAt, artifact.Score })
            .ToListAsync(cancellationToken);
        var samples = labelled.Where(l => l.Score is not null)
            .Select(l => new BacktestSample(l.ArtifactId, config.Rescore(l.Score!.Components(), l.Score.ComputedAt, l.PublishedAt), l.Label == DiscoveryLabelValues.Relevant))
            .ToList();
        if (samples.Count == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Nothing to backtest",
                detail: labelled.Count == 0
                    ? $"No artifact is labelled {string.Join(" or ", DiscoveryLabelValues.All)}{(annotator is null ? "" : $" by '{annotator}'")}; label some with PUT /api/v1/labels/{{artifactId}} or POST /api/v1/labels/import."
                    : "None of the labelled artifacts has a discovery score yet; run the discovery pipeline first.");
        }

        var result = Backtest.Evaluate(samples, config.Threshold, config.K);
        var run = new ExperimentRun
        {
            ExperimentId = id,
            Status = "completed",
            StartedAt = started,
            CompletedAt = clock.GetUtcNow(),
            ArtifactCount = result.ArtifactCount,
            TruePositives = result.TruePositives,
            FalsePositives = result.FalsePositives,
            TrueNegatives = result.TrueNegatives,
            FalseNegatives = result.FalseNegatives,
            Precision = result.Precision,
            Recall = result.Recall,
            F1 = result.F1,
            Accuracy = result.Accuracy,
            PrecisionAtK = ExperimentRunResponse.PrecisionAtKJson(result.PrecisionAtK),
            Metrics = ExperimentRunResponse.MetricsJson(new ExperimentRunDetails(config.Threshold, annotator, labelled.Count - samples.Count), result.NdcgAtK),
        };
        db.ExperimentRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/experiments/{id}/runs", ExperimentRunResponse.From(run));
    }

    private static async Task<Results<Ok<ExperimentComparison>, ValidationProblem, ProblemHttpResult>> CompareAsync(
        HarvestDbContext db, CancellationToken cancellationToken, long? a = null, long? b = null)
    {
        var errors = new ValidationErrors()
            .Require(a is > 0, "a", "is required and must be a positive experiment id")
            .Require(b is > 0, "b", "is required and must be a positive experiment id");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var ids = new[] { a!.Value, b!.Value };
        var experiments = await db.Experiments.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        foreach (var id in ids.Where(id => !experiments.ContainsKey(id)))
        {
            return ExperimentNotFound(id);
        }

        var latest = await ExperimentQueries.LatestRunsAsync(db, ids, cancellationToken);
        foreach (var id in ids.Where(id => !latest.ContainsKey(id)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Experiment not run yet",
                detail: $"Experiment {id} has no run to compare; POST /api/v1/experiments/{id}/run first.");
        }

        var left = ExperimentResponse.From(experiments[a.Value], latest[a.Value]);
        var right = ExperimentResponse.From(experiments[b.Value], latest[b.Value]);
        var leftRun = left.LatestRun!;
        var rightRun = right.LatestRun!;
        var precisionAtK = leftRun.PrecisionAtK.Keys.Intersect(rightRun.PrecisionAtK.Keys)
            .ToDictionary(k => k, k => Math.Round(rightRun.PrecisionAtK[k] - leftRun.PrecisionAtK[k], 6));
        var ndcgAtK = leftRun.NdcgAtK.Keys.Intersect(rightRun.NdcgAtK.Keys)
            .ToDictionary(k => k, k => Delta(leftRun.NdcgAtK[k], rightRun.NdcgAtK[k]));
        return TypedResults.Ok(new ExperimentComparison(left, right, new MetricDeltas(
            Delta(leftRun.Precision, rightRun.Precision), Delta(leftRun.Recall, rightRun.Recall), Delta(leftRun.F1, rightRun.F1),
            Delta(leftRun.Accuracy, rightRun.Accuracy), precisionAtK, ndcgAtK)));
    }

    private static double? Delta(double? a, double? b) => a is { } x && b is { } y ? Math.Round(y - x, 6) : null;

    private static ProblemHttpResult DuplicateName(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Experiment name taken", detail: $"An experiment named '{name}' already exists.");

    private static ProblemHttpResult ExperimentNotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Experiment not found", detail: $"No experiment with id {id}.");
}
