using System.Diagnostics;
using System.Linq.Expressions;
using Hangfire;
using Hangfire.States;

namespace SignalHarvester.Worker.Jobs;

/// <summary>
/// Parts of a run enqueued as jobs of their own, so any worker replica can take them, and the run waiting for all of
/// them to end. Hangfire's core has no batches; the run polls its children's states in the shared storage instead
/// (every half second: a few indexed reads). A child's end is final: children are enqueued without automatic retries,
/// the run's own retry enqueues them again.
/// </summary>
public sealed class ChildJobs(JobStorage storage, IBackgroundJobClient client, ILogger<ChildJobs> logger)
{
    private static readonly string[] FinalStates = [SucceededState.StateName, FailedState.StateName, DeletedState.StateName];

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // A short database outage (a restart) must not fail the run; a long one does, and the run is retried.
    private static readonly TimeSpan StorageOutageLimit = TimeSpan.FromMinutes(1);

    public string Enqueue<TJob>(Expression<Func<TJob, Task>> call) => client.Enqueue(call);

    /// <summary>Waits until every job of <paramref name="jobIds"/> has succeeded, failed or been deleted; returns how each ended, in order.</summary>
    public async Task<IReadOnlyList<ChildJobEnd>> WaitAllAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        var ended = new Dictionary<string, ChildJobEnd>(StringComparer.Ordinal);
        long? outageStarted = null;
        while (true)
        {
            try
            {
                using var connection = storage.GetConnection();
                foreach (var id in jobIds.Where(id => !ended.ContainsKey(id)))
                {
                    if (connection.GetStateData(id) is { } state && FinalStates.Contains(state.Name))
                    {
                        ended[id] = new ChildJobEnd(id, state.Name, state.Data.TryGetValue("Result", out var result) ? result : null,
                            state.Data.TryGetValue("ExceptionMessage", out var error) ? error : null);
                    }
                }

                outageStarted = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outageStarted ??= Stopwatch.GetTimestamp();
                if (Stopwatch.GetElapsedTime(outageStarted.Value) > StorageOutageLimit)
                {
                    throw;
                }

                logger.LogWarning(e, "Reading the states of child jobs failed; trying again");
            }

            if (ended.Count == jobIds.Count)
            {
                return [.. jobIds.Select(id => ended[id])];
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}

/// <summary>How a child job ended: its final state, its serialised result when it succeeded, its error when it failed.</summary>
public sealed record ChildJobEnd(string JobId, string State, string? Result, string? Error)
{
    public bool Succeeded => State == SucceededState.StateName;
}
