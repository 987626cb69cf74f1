using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SignalHarvester.Api.Errors;

/// <summary>
/// Requests the framework refuses before a handler runs — a query value that is not a number, a
/// missing required parameter, unreadable JSON, a body over the size limit — become ProblemDetails
/// with the framework's status (400, 413, 415) and, when a parameter or a JSON property is at fault,
/// an <c>errors</c> entry naming it, exactly like the handlers' own validation problems.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (field, error) = FieldOf(badRequest);
        var problem = field is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [error] });
        problem.Status = badRequest.StatusCode;
        problem.Title = badRequest.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "Request body too large",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
            _ => field is null ? "Bad request" : "One or more validation errors occurred.",
        };
        problem.Detail = badRequest.Message;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The JSON property at fault when the body's JSON names one (<c>$.filter.status</c> → <c>filter.status</c>), else the
    /// parameter the framework names; and the message for the <c>errors</c> entry.
    /// </summary>
    private static (string? Field, string Error) FieldOf(BadHttpRequestException badRequest)
    {
        if (badRequest.InnerException is JsonException { Path: ['$', '.', ..] path })
        {
            var property = path[2..];
            return (property, $"{property}: {badRequest.Message}");
        }

        return ParameterName().Match(badRequest.Message) is { Success: true } match
            ? (match.Groups["name"].Value, $"{match.Groups["name"].Value}: {badRequest.Message}")
            : (null, badRequest.Message);
    }

    // Minimal APIs name the parameter as "<type> <name>" in quotes, e.g. Failed to bind parameter "int limit" from "abc".
    [GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[^\" ]+)\"")]
    private static partial Regex ParameterName();
}
