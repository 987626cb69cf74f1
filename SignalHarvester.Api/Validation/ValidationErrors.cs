using Microsoft.AspNetCore.Http.HttpResults;
using SignalHarvester.Data;

namespace SignalHarvester.Api.Validation;

/// <summary>Collects what is wrong with a request, field by field, for one 400 ValidationProblem naming every bad field.</summary>
internal sealed class ValidationErrors : Dictionary<string, string[]>
{
    public ValidationErrors()
        : base(StringComparer.Ordinal)
    {
    }

    public bool Any => Count > 0;

    /// <summary>Records "<paramref name="field"/> <paramref name="message"/>." unless <paramref name="condition"/> holds.</summary>
    public ValidationErrors Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, $"{field} {message}.");
        }

        return this;
    }

    /// <summary>Records "<paramref name="field"/> <paramref name="problem"/>." when a rule (such as <c>LabelRules</c>) names a problem.</summary>
    public ValidationErrors Require(string field, string? problem) =>
        problem is null ? this : Require(false, field, problem);

    /// <summary>Records that <paramref name="field"/> holds text PostgreSQL cannot store (see <see cref="StorableText"/>).</summary>
    public ValidationErrors RequireStorable(string? text, string field) =>
        Require(text is null || StorableText.IsStorable(text), field, StorableText.Requirement);

    /// <summary>
    /// The paging every paged list shares: <c>page</c> from 1, <c>pageSize</c> 1..<paramref name="maxPageSize"/>, and a
    /// page whose offset (<c>(page-1)·pageSize</c>, see <see cref="Offset"/>) fits in an <see cref="int"/> rather than wrapping negative.
    /// </summary>
    public ValidationErrors RequirePage(int page, int pageSize, int maxPageSize = 200)
    {
        Require(page >= 1, "page", "must be 1 or more")
            .Require(pageSize >= 1 && pageSize <= maxPageSize, "pageSize", $"must be between 1 and {maxPageSize}");
        return Any
            ? this
            : Require((long)(page - 1) * pageSize <= int.MaxValue, "page", $"must be at most {int.MaxValue / pageSize + 1} with pageSize {pageSize}");
    }

    /// <summary>A page past the last one is an error (page 1 of an empty list is not: it is empty).</summary>
    public ValidationErrors RequirePageWithin(int page, int pageSize, int total) =>
        Require(page == 1 || (long)(page - 1) * pageSize < total, "page",
            $"must be at most {Math.Max(1, (total + pageSize - 1) / pageSize)}: there are {total} items at {pageSize} per page");

    /// <summary>The number of items before <paramref name="page"/>; call after <see cref="RequirePage"/> accepted it.</summary>
    public static int Offset(int page, int pageSize) => (page - 1) * pageSize;

    public void Add(string field, string message) =>
        this[field] = TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public ValidationProblem ToProblem(string? detail = null) => TypedResults.ValidationProblem(this, detail);
}
