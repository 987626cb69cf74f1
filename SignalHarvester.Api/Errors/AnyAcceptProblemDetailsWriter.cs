namespace SignalHarvester.Api.Errors;

/// <summary>
/// Writes every error as <c>application/problem+json</c>, whatever the request's <c>Accept</c> says (HTTP lets a
/// server disregard <c>Accept</c> rather than answer 406: RFC 9110 §12.5.1). The framework's writer declines when
/// <c>Accept</c> names neither JSON nor a wildcard (e.g. <c>text/csv</c>): an authentication challenge or a 429
/// then threw while writing (an empty 500) and a status page fell back to <c>text/plain</c>. This one delegates
/// to the framework's writer (its defaults, <c>traceId</c>, JSON options) without that check.
/// </summary>
internal sealed class AnyAcceptProblemDetailsWriter(IProblemDetailsWriter framework) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context) => framework.WriteAsync(context);
}
