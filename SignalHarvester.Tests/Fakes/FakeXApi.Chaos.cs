using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SignalHarvester.Tests.Fakes;

public sealed partial class FakeXApi
{
    private readonly HashSet<string> _served = [];

    /// <summary>When set, each search draws its fate from it: answered as asked, or one of X's ways of failing.</summary>
    public XChaos? Chaos { get; set; }

    /// <summary>Ids of the posts this fake answered in a whole, readable 200 (not in a truncated or garbage body).</summary>
    public IReadOnlyCollection<string> ServedPostIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _served];
            }
        }
    }

    /// <summary>A fault that is an answer (a status) rather than a broken body or no answer at all.</summary>
    private static Fault? StatusFault(XChaos.Kind kind) => kind switch
    {
        // The reset is 1 s away: the run stops asking (X's window is shared) and the next run goes on.
        XChaos.Kind.RateLimited => new Fault(StatusCodes.Status429TooManyRequests, DateTimeOffset.UtcNow.AddSeconds(1), null),
        XChaos.Kind.ServerError => new Fault(StatusCodes.Status500InternalServerError, null, null),
        XChaos.Kind.Unavailable => new Fault(StatusCodes.Status503ServiceUnavailable, null, null),
        _ => null,
    };

    /// <summary>The body as sent: whole, cut in half, or not JSON at all; records the posts of a whole 200 as served.</summary>
    private string Garble(XChaos.Kind kind, int status, JsonObject body, string text)
    {
        switch (kind)
        {
            case XChaos.Kind.Truncated:
                return text[..(text.Length / 2)];
            case XChaos.Kind.Garbage:
                return "<html><body><h1>502 Bad Gateway</h1></body></html>";
        }

        if (status == StatusCodes.Status200OK && body["data"] is JsonArray data)
        {
            lock (_gate)
            {
                foreach (var post in data)
                {
                    _served.Add(post!["id"]!.GetValue<string>());
                }
            }
        }

        return text;
    }

    /// <summary>A timeout: no answer until the client gives up and closes the connection.</summary>
    private static async Task HangUntilAbortedAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client's timeout: what this fault is for.
        }
    }
}
