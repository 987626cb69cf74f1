using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.Slack;

/// <summary>Announces one signal: <see cref="SlackNotifier"/> when Slack is live, <see cref="LogNotifier"/> in sample mode.</summary>
public interface ISignalNotifier
{
    /// <summary>Sends the announcement; throws when it may not have arrived (the notifier retries it next run).</summary>
    Task SendAsync(SignalNotification signal, CancellationToken cancellationToken);
}
