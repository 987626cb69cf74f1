using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SignalHarvester.Core.Data;
using SignalHarvester.Worker.Discovery;
using SignalHarvester.Worker.Signals;
using SignalHarvester.Worker.Signals.Retention;

namespace SignalHarvester.Worker.Jobs;

/// <summary>
/// Registers the recurring jobs when the worker starts (cron from configuration, UTC) and runs some
/// straight away: the heartbeat always, the signal pipeline while <c>Harvest:RunOnStart</c> is true
/// (the default), discovery when no artifact is stored yet.
/// </summary>
internal sealed class RecurringJobRegistrar(
    IRecurringJobManager recurringJobs,
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

        recurringJobs.AddOrUpdate<SignalPipelineJob>(
            SignalPipelineJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), configuration["Harvest:Schedule"] ?? "*/5 * * * *");
        if (configuration.GetValue("Harvest:RunOnStart", true))
        {
            recurringJobs.Trigger(SignalPipelineJob.RecurringJobId);
        }

        recurringJobs.AddOrUpdate<PostRetentionJob>(
            PostRetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), retention.Value.Schedule);

        recurringJobs.AddOrUpdate<DiscoveryPipelineJob>(
            DiscoveryPipelineJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), discovery.Value.Schedule);
        if (discovery.Value.RunOnStartWhenEmpty && !await AnyArtifactAsync(cancellationToken))
        {
            recurringJobs.Trigger(DiscoveryPipelineJob.RecurringJobId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> AnyArtifactAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HarvestDbContext>().Artifacts.AnyAsync(cancellationToken);
    }
}
