using Hangfire;
using SignalHarvester.Worker.Signals;

namespace SignalHarvester.Worker.Jobs;

/// <summary>
/// Registers the recurring jobs when the worker starts, and runs each once straight away (the signal
/// pipeline only while <c>Harvest:RunOnStart</c> is true, the default).
/// </summary>
internal sealed class RecurringJobRegistrar(IRecurringJobManager recurringJobs, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<HeartbeatJob>(
            HeartbeatJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            configuration["Jobs:Heartbeat:Cron"] ?? Cron.Minutely());
        recurringJobs.Trigger(HeartbeatJob.RecurringJobId);

        recurringJobs.AddOrUpdate<SignalPipelineJob>(
            SignalPipelineJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            configuration["Harvest:Schedule"] ?? "*/5 * * * *");
        if (configuration.GetValue("Harvest:RunOnStart", true))
        {
            recurringJobs.Trigger(SignalPipelineJob.RecurringJobId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
