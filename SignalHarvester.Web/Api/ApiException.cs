using System.Net;

namespace SignalHarvester.Web.Api;

/// <summary>
/// The API refused a request (its ProblemDetails title and detail) or did not answer at all
/// (<see cref="Unavailable"/>). Pages show <see cref="Message"/>; nothing else of it reaches the browser.
/// </summary>
public sealed class ApiException(string message, HttpStatusCode? status, bool unavailable = false) : Exception(message)
{
    public HttpStatusCode? Status { get; } = status;

    public bool Unavailable { get; } = unavailable;

    public static ApiException From(Problem? problem, HttpStatusCode status)
    {
        var title = string.IsNullOrWhiteSpace(problem?.Title) ? $"The API answered {(int)status} {status}" : problem.Title;
        return new ApiException(string.IsNullOrWhiteSpace(problem?.Detail) ? title : $"{title}: {problem.Detail}", status);
    }

    public static ApiException Down() =>
        new("The API is not answering right now. The console retries on every page load; try again in a moment.", null, unavailable: true);
}
