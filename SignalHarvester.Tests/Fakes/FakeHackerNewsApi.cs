using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SignalHarvester.Tests.Fakes;

/// <summary>
/// The Hacker News Firebase API on loopback: <c>GET /v0/{list}.json</c> (topstories, newstories,
/// showstories, ...) answers an id array, <c>GET /v0/item/{id}.json</c> the item or <c>null</c>,
/// an unknown list 401 "Permission denied" as Firebase does. Records requests and the highest
/// number of item requests in flight at once.
/// Point a source or the whole stack at <see cref="BaseUrl"/> (<c>Discovery__Sources__HackerNews__BaseUrl</c>).
/// </summary>
public sealed class FakeHackerNewsApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentDictionary<string, long[]> lists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, string> items = new();
    private readonly TaskCompletionSource enoughInFlight = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;
    private int maxInFlight;

    private FakeHackerNewsApi(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt);

    /// <summary>http://127.0.0.1:port/ (a root URL: pass <c>BaseUrl.ToString()</c> as configuration).</summary>
    public Uri BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Holds requests while closed.</summary>
    public RequestGate Gate { get; } = new();

    /// <summary>When set, every request answers this status (e.g. 500, 503).</summary>
    public int? FailureStatus { get; set; }

    /// <summary>
    /// When set, item answers are held until this many item requests are in flight at once (or
    /// 30 s pass), so a test proves parallelism by reaching it rather than by timing.
    /// </summary>
    public int HoldItemsUntilInFlight { get; set; }

    /// <summary>The most item requests that were being answered at the same time.</summary>
    public int MaxConcurrentItemRequests => Volatile.Read(ref maxInFlight);

    public static async Task<FakeHackerNewsApi> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Create();

        FakeHackerNewsApi? fake = null;
        app.Use(async (context, next) =>
        {
            fake!.requests.Enqueue(new RecordedRequest(
                context.Request.Path.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                DateTimeOffset.UtcNow));
            await fake.Gate.PassAsync(context.RequestAborted);
            if (fake.FailureStatus is { } status)
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(new { error = "fake Hacker News failure" });
                return;
            }

            await next(context);
        });
        app.MapGet("/v0/item/{id:long}.json", (long id, CancellationToken token) => fake!.ItemAsync(id, token));
        app.MapGet("/v0/{list}.json", (string list) => fake!.lists.TryGetValue(list, out var ids)
            ? Results.Json(ids)
            : Results.Json(new { error = "Permission denied" }, statusCode: StatusCodes.Status401Unauthorized));

        var address = await LoopbackApp.StartAsync(app, cancellationToken);
        fake = new FakeHackerNewsApi(app, new Uri(address));
        return fake;
    }

    /// <summary>Sets a list by its API name ("topstories", "showstories", ...).</summary>
    public void SetList(string name, params long[] ids) => lists[name] = ids;

    /// <summary>Serves an item as given (any shape: story, job, deleted stub, ...).</summary>
    public void AddItem(long id, JsonObject item) => items[id] = item.ToJsonString();

    /// <summary>A story as the API writes it; without <paramref name="url"/> it is an Ask/Show HN text post.</summary>
    public void AddStory(long id, string title, DateTimeOffset time, string? url = null, string? text = null, string by = "hn_user", string type = "story", bool dead = false, int score = 42)
    {
        var item = new JsonObject
        {
            ["by"] = by,
            ["descendants"] = 3,
            ["id"] = id,
            ["kids"] = new JsonArray(id + 1, id + 2, id + 3),
            ["score"] = score,
            ["time"] = time.ToUnixTimeSeconds(),
            ["title"] = title,
            ["type"] = type,
        };
        if (url is not null)
        {
            item["url"] = url;
        }

        if (text is not null)
        {
            item["text"] = text;
        }

        if (dead)
        {
            item["dead"] = true;
        }

        AddItem(id, item);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<IResult> ItemAsync(long id, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        try
        {
            int seen;
            while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
            {
            }

            if (HoldItemsUntilInFlight > 0)
            {
                if (now >= HoldItemsUntilInFlight)
                {
                    enoughInFlight.TrySetResult();
                }

                try
                {
                    await enoughInFlight.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                }
                catch (TimeoutException)
                {
                    // Never reached: answer anyway, and the test sees the lower maximum.
                }
            }

            // Firebase answers an unknown item with a literal null.
            return Results.Text(items.TryGetValue(id, out var json) ? json : "null", "application/json; charset=utf-8");
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}
