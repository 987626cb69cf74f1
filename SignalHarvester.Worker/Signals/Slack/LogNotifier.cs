using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.Slack;

/// <summary>
/// Slack in sample mode: each announcement is written to the worker's log (and so to the Aspire
/// dashboard) exactly as it would be posted, and the signal counts as notified.
/// </summary>
public sealed partial class LogNotifier(ILogger<LogNotifier> logger) : ISignalNotifier
{
    public Task SendAsync(SignalNotification signal, CancellationToken cancellationToken)
    {
        LogAnnouncement(logger, signal.Id, SlackMessage.For(signal).Text);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack (sample mode) would post for signal {Id}:\n{Message}")]
    private static partial void LogAnnouncement(ILogger logger, string id, string message);
}
