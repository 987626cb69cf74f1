namespace SignalHarvester.Worker.Signals.Slack;

/// <summary>Section <c>Harvest:Slack</c>: the incoming webhook (a secret; unset means notifications are off).</summary>
public sealed class SlackOptions
{
    public string? WebhookUrl { get; set; }
}
