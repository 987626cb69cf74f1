using Microsoft.EntityFrameworkCore;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data.Model;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Api.Signals;

/// <summary>What <c>GET /signals</c> filters by, and what a bulk job's filter selects: one definition for both.</summary>
internal static class SignalCriteria
{
    /// <summary>Signals matching the list's filters; <paramref name="status"/> must be valid.</summary>
    public static IQueryable<Signal> Matching(this IQueryable<Signal> query, string? search, string? status, string? source)
    {
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Contains(search.Trim());
            query = query.Where(t => EF.Functions.ILike(t.Text, pattern, "\\") || EF.Functions.ILike(t.AuthorUsername!, pattern, "\\"));
        }

        if (status is not null)
        {
            query = query.Where(SignalStatusQueries.Is(status));
        }

        if (!string.IsNullOrWhiteSpace(source))
        {
            query = query.Where(t => t.MatchedQueries.Contains(source));
        }

        return query;
    }
}
