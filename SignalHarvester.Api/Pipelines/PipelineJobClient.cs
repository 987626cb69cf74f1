using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using SignalHarvester.Data.Jobs;

namespace SignalHarvester.Api.Pipelines;

/// <summary>A pipeline run as Hangfire's storage records it.</summary>
public sealed record PipelineRunState(
    string JobId,
    string? Pipeline,
    string State,
    DateTime CreatedAt,
    IReadOnlyList<StateHistoryDto> History);

/// <summary>A pipeline's recurring job (times in UTC).</summary>
public sealed record PipelineSchedule(string Pipeline, string? Cron, DateTime? NextRunAt, DateTime? LastRunAt, string? LastJobId, string? LastJobState);

/// <summary>Enqueues pipeline runs into the worker's Hangfire storage and reads their state back.</summary>
public sealed class PipelineJobClient(JobStorage storage, IBackgroundJobClient client)
{
    public string Enqueue(PipelineJobContract pipeline)
    {
        var method = pipeline.JobType.GetMethod(nameof(ISignalPipelineJob.RunAsync), [typeof(CancellationToken)])!;
        // Hangfire stores a CancellationToken argument as null and hands the worker's own token to the job.
        return client.Create(new Job(pipeline.JobType, method, CancellationToken.None), new EnqueuedState());
    }

    public PipelineRunState? Find(string jobId)
    {
        // The state is read before the history: a run that finishes between the two reads then shows
        // its earlier state, never a finished state whose finishing time is missing from the history.
        string? current;
        using (var connection = storage.GetConnection())
        {
            current = connection.GetJobData(jobId)?.State;
        }

        var details = storage.GetMonitoringApi().JobDetails(jobId);
        if (details?.Job is null || PipelineOf(details.Job.Type) is not { } pipeline)
        {
            return null; // unknown id, or not a pipeline job
        }

        var history = details.History.OrderBy(h => h.CreatedAt).ToList();
        var state = current ?? (history.Count > 0 ? history[^1].StateName : "Unknown");
        return new PipelineRunState(jobId, pipeline, state, details.CreatedAt ?? history.FirstOrDefault()?.CreatedAt ?? DateTime.MinValue, history);
    }

    /// <summary>Every scheduled pipeline's recurring job as the worker registered it (absent before the worker's first start).</summary>
    public IReadOnlyList<PipelineSchedule> Schedules()
    {
        var scheduled = PipelineJobContracts.All.Where(c => c.RecurringJobId is not null).ToList();
        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs([.. scheduled.Select(c => c.RecurringJobId!)]).ToDictionary(j => j.Id, StringComparer.Ordinal);
        return [.. scheduled.Select(c => jobs.TryGetValue(c.RecurringJobId!, out var job)
            ? new PipelineSchedule(c.Pipeline, job.Cron, job.NextExecution, job.LastExecution, job.LastJobId, job.LastJobState)
            : new PipelineSchedule(c.Pipeline, null, null, null, null, null))];
    }

    private static string? PipelineOf(Type type) => PipelineJobContracts.All.FirstOrDefault(c => c.JobType == type)?.Pipeline;
}
