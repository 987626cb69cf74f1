using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using SignalHarvester.Web.Api;
using SignalHarvester.Web.Auth;

namespace SignalHarvester.Web.BulkJobs;

/// <summary>
/// <c>GET /operations/bulk-jobs/{id}/events</c>: the API's progress stream of a bulk job, relayed for the
/// signed-in person. The browser's <c>EventSource</c> stays same-origin (CSP <c>'self'</c>) and never sees the
/// key, which is added here from the person's cookie, so the stream counts against their own bucket. One
/// page is one API stream: it holds one of the person's open-stream slots and costs a token every 10 s
/// (docs/api.md), so the page's script closes it at the final event and the relay closes the API's stream as
/// soon as the page goes away.
/// </summary>
public static class BulkJobEventsRelay
{
    /// <summary>The API client for streams: no per-attempt or total timeout, no retries (a stream is open for as long as the job runs).</summary>
    public const string ClientName = "api-events";

    private const string LastEventIdHeader = "Last-Event-ID";

    public static IEndpointConventionBuilder MapBulkJobEvents(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/operations/bulk-jobs/{id:long}/events", RelayAsync).RequireAuthorization();

    private static async Task RelayAsync(long id, HttpContext context, IHttpClientFactory clients)
    {
        // Statuses go back as they are (an EventSource stops at any but 200), not as the console's error pages.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/signals/bulk-jobs/{id}/events");
        request.Headers.Add(ApiKeyHandler.Header, ApiKeyPrincipal.KeyOf(context.User));
        request.Headers.Accept.ParseAdd("text/event-stream");
        // A reconnecting EventSource resumes where it was; the API validates the value.
        if (context.Request.Headers[LastEventIdHeader].ToString() is { Length: > 0 } lastEventId)
        {
            request.Headers.TryAddWithoutValidation(LastEventIdHeader, lastEventId);
        }

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            return;
        }

        using (response)
        {
            // 204 after the final event, 404, 429 (too many open streams): the status alone, which ends the EventSource.
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Headers.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString();
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return;
            }

            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await using var upstream = await response.Content.ReadAsStreamAsync(context.RequestAborted);
                var buffer = new byte[4096];
                int read;
                while ((read = await upstream.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The page went away: disposing the response closes the API's stream and frees the slot.
            }
            catch (IOException)
            {
                // The API went away mid-stream: ending here lets the EventSource reconnect with Last-Event-ID.
            }
        }
    }
}
