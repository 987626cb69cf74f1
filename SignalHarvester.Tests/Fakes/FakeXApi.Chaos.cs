using Microsoft.AspNetCore.Http;

namespace SignalHarvester.Tests.Fakes;

public sealed partial class FakeXApi
{
    /// <summary>When set, each search draws its fate from it: answered as asked, or one of X's ways of failing.</summary>
    public XChaos? Chaos { get; set; }

    /// <summary>A fault that is an answer (a status) rather than a broken body or no answer at all.</summary>
    private static Fault? StatusFault(XChaos.Kind kind) => kind switch
    {
        // The reset is 1 s away: the run stops asking (X's window is shared) and the next run goes on.
        XChaos.Kind.RateLimited => new Fault(StatusCodes.Status429TooManyRequests, DateTimeOffset.UtcNow.AddSeconds(1), null),
        XChaos.Kind.ServerError => new Fault(StatusCodes.Status500InternalServerError, null, null),
        XChaos.Kind.Unavailable => new Fault(StatusCodes.Status503ServiceUnavailable, null, null),
        _ => null,
    };

    /// <summary>The body as sent: whole, cut in half, or not JSON at all.</summary>
    private static string Garble(XChaos.Kind kind, string text) => kind switch
    {
        XChaos.Kind.Truncated => text[..(text.Length / 2)],
        XChaos.Kind.Garbage => "<html><body><h1>502 Bad Gateway</h1></body></html>",
        _ => text,
    };

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
