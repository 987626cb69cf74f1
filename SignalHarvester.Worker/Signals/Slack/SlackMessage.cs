using System.Globalization;
using System.Text.Json.Serialization;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.Slack;

/// <summary>
/// The message announcing one signal, in Slack's incoming-webhook payload (documented: text plus blocks).
/// A stranger's text and name are escaped wherever Slack reads mrkdwn (<c>&amp; &lt; &gt;</c>), so a post
/// cannot ping the channel (<c>&lt;!channel&gt;</c>) or forge a link.
/// </summary>
public sealed record SlackMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<SlackBlock> Blocks)
{
    public static SlackMessage For(SignalNotification signal)
    {
        var headline = $"*{Escape(signal.Category ?? "signal")}* · salience {signal.Salience.ToString("F1", CultureInfo.InvariantCulture)}" +
                       $" · @{Escape(signal.AuthorUsername ?? "unknown")}";
        var url = Escape(signal.Url).Replace("|", "%7C", StringComparison.Ordinal);
        return new SlackMessage(
            Text: $"{headline}\n{Escape(signal.Text)}\n{url}",
            Blocks:
            [
                new SlackBlock("section", new SlackText("mrkdwn", headline)),
                new SlackBlock("section", new SlackText("plain_text", Truncate(signal.Text, 2900))),
                new SlackBlock("context", Elements: [new SlackText("mrkdwn", $"<{url}|Open on X> · post {Escape(signal.Id)}")]),
            ]);
    }

    // Slack's three control characters in mrkdwn (api.slack.com: "Escaping text").
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    internal static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

public sealed record SlackBlock(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlackText? Text = null,
    [property: JsonPropertyName("elements"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SlackText>? Elements = null);

public sealed record SlackText(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text);
