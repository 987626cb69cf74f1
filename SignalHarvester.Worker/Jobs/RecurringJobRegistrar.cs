using Hangfire;

namespace SignalHarvester.Worker.Jobs;

/// <summary>Registers the recurring jobs when the worker starts, and runs each once straight away.</summary>
internal sealed class RecurringJobRegistrar(IRecurringJobManager recurringJobs, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<HeartbeatJob>(
            HeartbeatJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            configuration["Jobs:Heartbeat:Cron"] ?? Cron.Minutely());
        recurringJobs.Trigger(HeartbeatJob.RecurringJobId);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
