using System.Text.Json;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Signals.Slack;

namespace SignalHarvester.Tests.Signals;

public sealed class SlackMessageTests
{
    [Fact]
    public void A_strangers_text_and_name_cannot_ping_the_channel_or_forge_a_link()
    {
        var signal = new SignalNotification("1234567890", "<!channel> outage! <https://evil.example|status page> & more", "a>b|c", "outage", 88.04);

        var payload = JsonSerializer.Serialize(SlackMessage.For(signal));
        var message = JsonDocument.Parse(payload).RootElement;

        // Every mrkdwn part (the top-level text, the headline, the link line) escapes & < >, as Slack documents.
        Assert.Equal(
            "*outage* · salience 88.0 · @a&gt;b|c\n&lt;!channel&gt; outage! &lt;https://evil.example|status page&gt; &amp; more\nhttps://x.com/a&gt;b%7Cc/status/1234567890",
            message.GetProperty("text").GetString());
        var blocks = message.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("*outage* · salience 88.0 · @a&gt;b|c", blocks[0].GetProperty("text").GetProperty("text").GetString());
        // Plain text is shown as typed: Slack does not parse it.
        Assert.Equal(("plain_text", signal.Text), (blocks[1].GetProperty("text").GetProperty("type").GetString(), blocks[1].GetProperty("text").GetProperty("text").GetString()));
        Assert.Equal("<https://x.com/a&gt;b%7Cc/status/1234567890|Open on X> · post 1234567890", blocks[2].GetProperty("elements")[0].GetProperty("text").GetString());
        Assert.DoesNotContain("<!channel>", message.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
