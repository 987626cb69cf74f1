using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.Slack;

/// <summary>Posts one message per signal to the Slack incoming webhook of <c>Harvest:Slack:WebhookUrl</c>.</summary>
public sealed class SlackNotifier(HttpClient http, IOptions<SlackOptions> options) : ISignalNotifier
{
    private readonly Uri webhook = new(options.Value.WebhookUrl!, UriKind.Absolute);

    public async Task SendAsync(SignalNotification signal, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(webhook, SlackMessage.For(signal), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Slack webhook answered {(int)response.StatusCode}: {SlackMessage.Truncate(body, 200)}", null, response.StatusCode);
        }
    }
}
