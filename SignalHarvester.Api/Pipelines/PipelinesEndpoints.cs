using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SignalHarvester.Api.Security;
using SignalHarvester.Data;
using SignalHarvester.Data.Jobs;

namespace SignalHarvester.Api.Pipelines;

/// <summary>/api/v1/pipelines: what runs (pipelines and sources), start a pipeline run on the worker and follow it. Needs an API key.</summary>
public static class PipelinesEndpoints
{
    public static RouteGroupBuilder MapPipelinesEndpoints(this RouteGroupBuilder api)
    {
        var pipelines = api.MapGroup("/pipelines").WithTags("Pipelines").RequireScope(ApiScopes.Admin);
        pipelines.MapGet("/", StatusAsync)
            .WithName("PipelinesStatus").WithSummary("Each pipeline's schedule and last run, and each source's mode, last run and last error");
        pipelines.MapPost("/signals", (PipelineJobClient jobs) => PipelineRuns.Start(jobs, PipelineJobContracts.Signals))
            .WithName("RunSignalPipeline").WithSummary("Run the signal pipeline now (harvest → classify → score → notify → snapshot)");
        pipelines.MapPost("/discovery", (PipelineJobClient jobs) => PipelineRuns.Start(jobs, PipelineJobContracts.Discovery))
            .WithName("RunDiscoveryPipeline").WithSummary("Run the discovery pipeline now (fetch → classify → embed → topics → score)");
        pipelines.MapGet("/runs/{jobId:long}", GetRun)
            .WithName("GetPipelineRun").WithSummary("The state of a pipeline run");
        return api;
    }

    private static Results<Ok<PipelineRunResponse>, ProblemHttpResult> GetRun(long jobId, PipelineJobClient jobs)
    {
        var id = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return jobs.Find(id) is { } run
            ? TypedResults.Ok(PipelineRunResponse.From(run, PipelineRuns.StatusUrl(id)))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Pipeline run not found", detail: $"No pipeline run with id {id}.");
    }

    private static async Task<Ok<PipelinesStatusResponse>> StatusAsync(PipelineJobClient jobs, HarvestDbContext db, CancellationToken cancellationToken)
    {
        var sources = await db.SourceStatuses.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var pipelines = jobs.Schedules().Select(s => new PipelineScheduleResponse(
            s.Pipeline, s.Cron, Utc(s.NextRunAt), Utc(s.LastRunAt), s.LastJobState, s.LastJobId is null ? null : PipelineRuns.StatusUrl(s.LastJobId)));
        return TypedResults.Ok(new PipelinesStatusResponse([.. pipelines], [.. sources.Select(SourceStatusResponse.From)]));
    }

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
