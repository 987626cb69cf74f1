using Microsoft.AspNetCore.Http.HttpResults;

namespace SignalHarvester.Api.Endpoints;

/// <summary>Collects validation failures per field, for one 400 ValidationProblem that names every bad field.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> errors = [];

    public bool Any => errors.Count > 0;

    /// <summary>Records "<paramref name="field"/> <paramref name="message"/>." unless the condition holds; the first failure per field wins.</summary>
    public FieldErrors Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            errors.TryAdd(field, [$"{field} {message}."]);
        }

        return this;
    }

    public ValidationProblem Problem() => TypedResults.ValidationProblem(errors);
}
