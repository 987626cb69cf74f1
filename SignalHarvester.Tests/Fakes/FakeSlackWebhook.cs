using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SignalHarvester.Tests.Fakes;

/// <summary>
/// A Slack incoming webhook on loopback: answers 200 "ok" like Slack, records every message, and
/// fails the next N posts on demand, in one of the ways Slack (or the way to it) fails.
/// </summary>
public sealed class FakeSlackWebhook : IAsyncDisposable
{
    public const string HookPath = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<JsonElement> messages = new();
    private int failuresLeft;
    private volatile SlackFailure failure = SlackFailure.ServerError;

    private FakeSlackWebhook(WebApplication app) => this.app = app;

    public Uri WebhookUrl { get; private set; } = null!;

    public IReadOnlyList<JsonElement> Messages => [.. messages];

    /// <summary>The post ids named in the messages' links (one per message).</summary>
    public IReadOnlyList<string> NotifiedPostIds =>
        Messages.Select(m => m.GetProperty("text").GetString()!)
            .Select(text => text[(text.LastIndexOf("/status/", StringComparison.Ordinal) + "/status/".Length)..].Trim())
            .ToList();

    public static async Task<FakeSlackWebhook> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeSlackWebhook(app);
        app.MapPost(HookPath, fake.ReceiveAsync);
        var address = await LoopbackApp.StartAsync(app);
        fake.WebhookUrl = new Uri(address + HookPath);
        return fake;
    }

    public void FailNext(int count, SlackFailure how = SlackFailure.ServerError)
    {
        failure = how;
        Interlocked.Exchange(ref failuresLeft, count);
    }

    public void Clear() => messages.Clear();

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            switch (failure)
            {
                case SlackFailure.ConnectionReset:
                    request.HttpContext.Abort();
                    return Results.Empty;
                case SlackFailure.Hang:
                    // Longer than any client waits; the message is not delivered.
                    await Task.Delay(TimeSpan.FromSeconds(30), request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return Results.Text("internal_error", statusCode: StatusCodes.Status500InternalServerError);
                default:
                    return Results.Text("internal_error", statusCode: StatusCodes.Status500InternalServerError);
            }
        }

        using var body = await JsonDocument.ParseAsync(request.Body);
        if (!body.RootElement.TryGetProperty("text", out _))
        {
            return Results.Text("no_text", statusCode: StatusCodes.Status400BadRequest);
        }

        messages.Enqueue(body.RootElement.Clone());
        return Results.Text("ok");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>How <see cref="FakeSlackWebhook"/> fails a post.</summary>
public enum SlackFailure
{
    /// <summary>500 internal_error.</summary>
    ServerError,

    /// <summary>The connection is cut before any answer.</summary>
    ConnectionReset,

    /// <summary>No answer for 30 s (longer than the client's timeout).</summary>
    Hang,
}
