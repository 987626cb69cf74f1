using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace SignalHarvester.Worker.Signals.Slack;

/// <summary>Posts one message per signal to a Slack incoming webhook (documented payload: text plus blocks).</summary>
public sealed class SlackNotifier(HttpClient http)
{
    public async Task SendAsync(Uri webhook, SignalNotification signal, CancellationToken cancellationToken)
    {
        var headline = $"*{signal.Category ?? "signal"}* · salience {signal.Salience.ToString("F1", CultureInfo.InvariantCulture)}" +
                       $" · @{signal.AuthorUsername ?? "unknown"}";
        var message = new SlackMessage(
            Text: $"{headline}\n{signal.Text}\n{signal.Url}",
            Blocks:
            [
                new SlackBlock("section", new SlackText("mrkdwn", headline)),
                new SlackBlock("section", new SlackText("plain_text", Truncate(signal.Text, 2900))),
                new SlackBlock("context", Elements: [new SlackText("mrkdwn", $"<{signal.Url}|Open on X> · post {signal.Id}")]),
            ]);
        using var response = await http.PostAsJsonAsync(webhook, message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Slack webhook answered {(int)response.StatusCode}: {Truncate(body, 200)}", null, response.StatusCode);
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private sealed record SlackMessage(
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("blocks")] IReadOnlyList<SlackBlock> Blocks);

    private sealed record SlackBlock(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlackText? Text = null,
        [property: JsonPropertyName("elements"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SlackText>? Elements = null);

    private sealed record SlackText(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("text")] string Text);
}

public sealed record SignalNotification(string Id, string Text, string? AuthorUsername, string? Category, double Salience)
{
    public string Url => $"https://x.com/{AuthorUsername ?? "i"}/status/{Id}";
}
