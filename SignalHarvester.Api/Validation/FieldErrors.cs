using Microsoft.AspNetCore.Http.HttpResults;

namespace SignalHarvester.Api.Validation;

/// <summary>Collects what is wrong with a request, field by field, for one 400 ValidationProblem naming every bad field.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public int Count => _errors.Count;

    /// <summary>Records "<paramref name="field"/> <paramref name="message"/>." unless <paramref name="condition"/> holds.</summary>
    public FieldErrors Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, $"{field} {message}.");
        }

        return this;
    }

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public ValidationProblem ToProblem(string? detail = null) => TypedResults.ValidationProblem(_errors, detail);
}
