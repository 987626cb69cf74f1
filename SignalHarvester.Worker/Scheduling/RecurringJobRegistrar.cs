using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SignalHarvester.Data;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Worker.Discovery;
using SignalHarvester.Worker.Jobs;
using SignalHarvester.Worker.Signals;
using SignalHarvester.Worker.Signals.Retention;

namespace SignalHarvester.Worker.Scheduling;

/// <summary>
/// Registers the recurring jobs when the worker starts (cron from configuration, UTC) and runs some
/// straight away: the heartbeat always, the signal pipeline while <c>Harvest:RunOnStart</c> is true
/// (the default), discovery when no artifact is stored yet. Replicas share the schedule: a pipeline runs at
/// start only when no run has covered its current schedule interval, so replicas starting together (or one
/// restarting) add no second run.
/// </summary>
internal sealed class RecurringJobRegistrar(
    IRecurringJobManager recurringJobs,
    JobStorage storage,
    IConfiguration configuration,
    IOptions<DiscoveryOptions> discovery,
    IOptions<PostRetentionOptions> retention,
    IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<HeartbeatJob>(
            HeartbeatJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), configuration["Jobs:Heartbeat:Cron"] ?? Cron.Minutely());
        recurringJobs.Trigger(HeartbeatJob.RecurringJobId);

        recurringJobs.AddOrUpdate<ISignalPipelineJob>(
            SignalPipelineJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), configuration["Harvest:Schedule"] ?? "*/5 * * * *");
        if (configuration.GetValue("Harvest:RunOnStart", true))
        {
            TriggerUnlessCovered(SignalPipelineJob.RecurringJobId);
        }

        recurringJobs.AddOrUpdate<PostRetentionJob>(
            PostRetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), retention.Value.Schedule);

        recurringJobs.AddOrUpdate<IDiscoveryPipelineJob>(
            DiscoveryPipelineJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), discovery.Value.Schedule);
        if (discovery.Value.RunOnStartWhenEmpty && !await AnyArtifactAsync(cancellationToken))
        {
            TriggerUnlessCovered(DiscoveryPipelineJob.RecurringJobId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Hangfire keeps the next execution after the last one (a trigger counts): while it is still ahead, a run already
    // covers the current interval. The lock makes the check and the trigger one step across replicas.
    private void TriggerUnlessCovered(string recurringJobId)
    {
        using var connection = storage.GetConnection();
        using var startLock = connection.AcquireDistributedLock($"signalharvester:run-on-start:{recurringJobId}", TimeSpan.FromSeconds(30));
        var job = connection.GetRecurringJobs([recurringJobId]).SingleOrDefault();
        if (job?.LastExecution is not null && job.NextExecution > DateTime.UtcNow)
        {
            return;
        }

        recurringJobs.Trigger(recurringJobId);
    }

    private async Task<bool> AnyArtifactAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HarvestDbContext>().Artifacts.AnyAsync(cancellationToken);
    }
}
