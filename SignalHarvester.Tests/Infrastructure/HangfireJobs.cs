using System.Linq.Expressions;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Worker.Discovery;
using SignalHarvester.Worker.Signals;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>
/// Enqueues jobs into the stack's Hangfire storage (PostgreSQL) as the API would, and waits for the
/// worker to finish them: how tests run a pipeline on demand through the real worker.
/// </summary>
public sealed class HangfireJobs
{
    private static readonly object ConfigurationGate = new();
    private static bool configured;

    private readonly PostgreSqlStorage storage;

    public HangfireJobs(string connectionString)
    {
        lock (ConfigurationGate)
        {
            if (!configured)
            {
                // Serialise job type names exactly as the worker does.
                GlobalConfiguration.Configuration.UseHarvestSerialization();
                configured = true;
            }
        }

        var options = HangfireStorageSettings.StorageOptions();
        storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>One signal pipeline run on the stack's worker, to its final state.</summary>
    public Task<string> RunSignalPipelineAsync() =>
        RunAsync<ISignalPipelineJob>(job => job.RunAsync(CancellationToken.None), TimeSpan.FromMinutes(2));

    /// <summary>One discovery pipeline run on the stack's worker, to its final state (a populated stack's first run is the longest).</summary>
    public Task<string> RunDiscoveryAsync() =>
        RunAsync<IDiscoveryPipelineJob>(job => job.RunAsync(CancellationToken.None), TimeSpan.FromMinutes(3));

    /// <summary>Runs the job on the worker and returns its final state name (Succeeded or Failed).</summary>
    public Task<string> RunAsync<TJob>(Expression<Func<TJob, Task>> call, TimeSpan timeout) =>
        WaitForFinalStateAsync(Enqueue(call), timeout);

    /// <summary>Waits until the job has ended (Succeeded, Failed or Deleted; a job waiting for a retry has not) and returns that state.</summary>
    public async Task<string> WaitForFinalStateAsync(string jobId, TimeSpan timeout) =>
        (await Eventually.ReturnsAsync(
            () => Task.FromResult(StateOf(jobId)),
            state => state is "Succeeded" or "Failed" or "Deleted",
            timeout,
            $"job {jobId} finishing"))!;

    /// <summary>The states the job went through, oldest first (e.g. Enqueued, Processing, Failed, Scheduled, Enqueued, Processing, Succeeded).</summary>
    public IReadOnlyList<string> History(string jobId) =>
        [.. (storage.GetMonitoringApi().JobDetails(jobId)?.History ?? []).Select(h => h.StateName).Reverse()];

    /// <summary>Enqueues the job without waiting for it; with <see cref="Delete"/>, for a test that watches its effects instead.</summary>
    public string Enqueue<TJob>(Expression<Func<TJob, Task>> call) => new BackgroundJobClient(storage).Enqueue(call);

    /// <summary>Deletes the job, so none of its automatic retries runs after the test.</summary>
    public void Delete(string jobId) => new BackgroundJobClient(storage).Delete(jobId);

    /// <summary>
    /// Runs <paramref name="action"/> holding Hangfire's locks on <paramref name="resources"/>, taken as its own schedulers
    /// take them, so their read-modify-writes cannot interleave with the action's. <paramref name="release"/> false leaves
    /// the locks behind, as a replica killed while holding them does.
    /// </summary>
    public async Task UnderLocksAsync(IReadOnlyList<string> resources, Func<Task> action, bool release = true)
    {
        using var connection = storage.GetConnection();
        var held = resources.Select(resource => connection.AcquireDistributedLock(resource, TimeSpan.FromMinutes(1))).ToList();
        await action();
        if (release)
        {
            foreach (var taken in Enumerable.Reverse(held))
            {
                taken.Dispose();
            }
        }
    }

    /// <summary>The cron expression of a recurring job the worker registered, or null when there is none.</summary>
    public string? RecurringCron(string recurringJobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([recurringJobId]).SingleOrDefault(job => job.Id == recurringJobId && !job.Removed)?.Cron;
    }

    private string? StateOf(string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetJobData(jobId)?.State;
    }
}
