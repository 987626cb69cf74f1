using System.Globalization;
using System.Text.Json.Serialization;

namespace SignalHarvester.Worker.Signals.Slack;

/// <summary>The message announcing one signal, in Slack's incoming-webhook payload (documented: text plus blocks).</summary>
public sealed record SlackMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<SlackBlock> Blocks)
{
    public static SlackMessage For(SignalNotification signal)
    {
        var headline = $"*{signal.Category ?? "signal"}* · salience {signal.Salience.ToString("F1", CultureInfo.InvariantCulture)}" +
                       $" · @{signal.AuthorUsername ?? "unknown"}";
        return new SlackMessage(
            Text: $"{headline}\n{signal.Text}\n{signal.Url}",
            Blocks:
            [
                new SlackBlock("section", new SlackText("mrkdwn", headline)),
                new SlackBlock("section", new SlackText("plain_text", Truncate(signal.Text, 2900))),
                new SlackBlock("context", Elements: [new SlackText("mrkdwn", $"<{signal.Url}|Open on X> · post {signal.Id}")]),
            ]);
    }

    internal static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

public sealed record SlackBlock(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlackText? Text = null,
    [property: JsonPropertyName("elements"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SlackText>? Elements = null);

public sealed record SlackText(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text);

public sealed record SignalNotification(string Id, string Text, string? AuthorUsername, string? Category, double Salience)
{
    public string Url => $"https://x.com/{AuthorUsername ?? "i"}/status/{Id}";
}
