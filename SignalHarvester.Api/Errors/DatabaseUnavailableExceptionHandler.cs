using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SignalHarvester.Data.Hosting;

namespace SignalHarvester.Api.Errors;

/// <summary>
/// PostgreSQL unreachable, restarting or timing out (<see cref="TransientDatabaseFailure"/>) is an outage, not a bug: 503 ProblemDetails with
/// <c>Retry-After</c>, so clients and load balancers back off instead of seeing a generic 500.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>About how long a database restart takes; readiness reports the database again within 2 s of its return.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (TransientDatabaseFailure.In(exception) is not { } failure)
        {
            return false;
        }

        logger.LogWarning("Database unavailable for {Method} {Path}: {Error}", httpContext.Request.Method, httpContext.Request.Path, failure.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Database unavailable",
                Detail = $"The database cannot be reached at the moment; retry after {RetryAfterSeconds} seconds.",
            },
        });
    }
}
