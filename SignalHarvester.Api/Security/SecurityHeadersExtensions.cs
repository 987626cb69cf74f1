namespace SignalHarvester.Api.Security;

/// <summary>
/// Headers for every response: no MIME sniffing, no framing, no referrer, and a Content-Security-Policy
/// that allows nothing for API responses (JSON needs no scripts, styles or frames). The Scalar UI
/// (<c>/scalar</c>) is an HTML page with its own inline bootstrap script and styles, so it gets a
/// policy allowing those from this origin only.
/// </summary>
internal static class SecurityHeadersExtensions
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private const string DocumentationPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? DocumentationPolicy : ApiPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
