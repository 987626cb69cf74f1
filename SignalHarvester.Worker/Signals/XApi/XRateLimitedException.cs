using System.Net;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>X answered 429: no request for this endpoint will succeed before <see cref="RetryAt"/>.</summary>
public sealed class XRateLimitedException(DateTimeOffset retryAt, string message)
    : XApiException(message, HttpStatusCode.TooManyRequests)
{
    /// <summary>From <c>x-rate-limit-reset</c> or <c>Retry-After</c> (the later when both are present).</summary>
    public DateTimeOffset RetryAt { get; } = retryAt;
}
