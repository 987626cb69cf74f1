namespace SignalHarvester.Api.Errors;

/// <summary>
/// Writes every error as <c>application/problem+json</c>, whatever the request's <c>Accept</c> says (RFC 9457
/// lets a server answer an error in a format the client did not ask for). The framework's writer declines when
/// <c>Accept</c> names neither JSON nor a wildcard (e.g. <c>text/csv</c>), and then an authentication
/// challenge or an unhandled exception becomes an empty 500 and a status page <c>text/plain</c>. This one
/// delegates to the framework's writer (its defaults, <c>traceId</c>, JSON options) without that check.
/// </summary>
internal sealed class AnyAcceptProblemDetailsWriter(IProblemDetailsWriter framework) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context) => framework.WriteAsync(context);
}
