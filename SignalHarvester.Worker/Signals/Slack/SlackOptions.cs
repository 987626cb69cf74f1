namespace SignalHarvester.Worker.Signals.Slack;

/// <summary>Section <c>Harvest:Slack</c>: the mode and the incoming webhook (a secret; live without it is off).</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Harvest:Slack";

    public string? WebhookUrl { get; set; }
}
