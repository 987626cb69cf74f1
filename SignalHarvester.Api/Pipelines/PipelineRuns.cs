using Microsoft.AspNetCore.Http.HttpResults;
using SignalHarvester.Data.Jobs;

namespace SignalHarvester.Api.Pipelines;

/// <summary>
/// A worker run as the API starts and presents it, for every endpoint that starts one (/pipelines, and
/// /snapshots for an export on demand): one status URL, one 202 answer.
/// </summary>
internal static class PipelineRuns
{
    public static string StatusUrl(string jobId) => $"/api/v1/pipelines/runs/{jobId}";

    /// <summary>202 with the run as enqueued: <c>Location</c> is its status URL.</summary>
    public static Accepted<PipelineRunResponse> Start(PipelineJobClient jobs, PipelineJobContract pipeline)
    {
        var id = jobs.Enqueue(pipeline);
        var url = StatusUrl(id);
        var run = jobs.Find(id) ?? new PipelineRunState(id, pipeline.Pipeline, "Enqueued", DateTime.UtcNow, []);
        return TypedResults.Accepted(url, PipelineRunResponse.From(run, url));
    }
}
