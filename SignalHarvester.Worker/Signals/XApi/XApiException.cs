using System.Net;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>
/// X answered with an error, an unreadable body, or could not be reached. When
/// <see cref="IsAuthenticationFailure"/> is true (401/403) retrying cannot help: the bearer token
/// must be fixed, so callers should stop harvesting for this run.
/// </summary>
public class XApiException : Exception
{
    public XApiException(string message, HttpStatusCode? statusCode = null, bool isAuthenticationFailure = false, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsAuthenticationFailure = isAuthenticationFailure;
    }

    /// <summary>The HTTP status X answered with; null when the failure was not an HTTP answer (network, unreadable body, errors-only body).</summary>
    public HttpStatusCode? StatusCode { get; }

    public bool IsAuthenticationFailure { get; }
}
