using Microsoft.AspNetCore.Http.HttpResults;
using SignalHarvester.Api.Contracts;
using SignalHarvester.Api.Jobs;
using SignalHarvester.Api.Security;
using SignalHarvester.Core.Jobs;

namespace SignalHarvester.Api.Endpoints;

/// <summary>/api/v1/pipelines: start a pipeline run on the worker and follow it. Needs an API key.</summary>
public static class PipelinesEndpoints
{
    public static RouteGroupBuilder MapPipelinesEndpoints(this RouteGroupBuilder api)
    {
        var pipelines = api.MapGroup("/pipelines").WithTags("Pipelines").RequireApiKey();
        pipelines.MapPost("/signals", (PipelineJobClient jobs) => Start(jobs, PipelineJobContracts.Signals))
            .WithName("RunSignalPipeline").WithSummary("Run the signal pipeline now (harvest → classify → score → notify → snapshot)");
        pipelines.MapPost("/discovery", (PipelineJobClient jobs) => Start(jobs, PipelineJobContracts.Discovery))
            .WithName("RunDiscoveryPipeline").WithSummary("Run the discovery pipeline now (fetch → classify → embed → topics → score)");
        pipelines.MapGet("/runs/{jobId:long}", GetRun)
            .WithName("GetPipelineRun").WithSummary("The state of a pipeline run");
        return api;
    }

    private static Accepted<PipelineRunResponse> Start(PipelineJobClient jobs, PipelineJobContract pipeline)
    {
        var id = jobs.Enqueue(pipeline);
        var url = StatusUrl(id);
        var run = jobs.Find(id) ?? new PipelineRunState(id, pipeline.Pipeline, "Enqueued", DateTime.UtcNow, []);
        return TypedResults.Accepted(url, PipelineRunResponse.From(run, url));
    }

    private static Results<Ok<PipelineRunResponse>, ProblemHttpResult> GetRun(long jobId, PipelineJobClient jobs)
    {
        var id = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return jobs.Find(id) is { } run
            ? TypedResults.Ok(PipelineRunResponse.From(run, StatusUrl(id)))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Pipeline run not found", detail: $"No pipeline run with id {id}.");
    }

    private static string StatusUrl(string jobId) => $"/api/v1/pipelines/runs/{jobId}";
}
