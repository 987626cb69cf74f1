using System.Linq.Expressions;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Data.Signals;

/// <summary><see cref="SignalStatus"/>'s rule applied to stored rows: in memory, and as a filter EF Core translates to SQL.</summary>
public static class SignalStatusQueries
{
    public static string Status(this Signal signal) => SignalStatus.Derive(signal.Category, signal.Salience, signal.NotifiedAt, signal.ReviewStatus);

    /// <summary>The rows whose derived status is <paramref name="status"/>, for listing signals by status.</summary>
    public static Expression<Func<Signal, bool>> Is(string status) => status switch
    {
        SignalStatus.Archived => t => t.ReviewStatus == SignalStatus.Archived,
        SignalStatus.Dismissed => t => t.ReviewStatus == SignalStatus.Dismissed,
        SignalStatus.Inactive => t => t.ReviewStatus == null && t.NotifiedAt != null,
        SignalStatus.Error => t => t.ReviewStatus == null && t.NotifiedAt == null && t.Salience == null && t.Category == null,
        SignalStatus.Paused => t => t.ReviewStatus == null && t.NotifiedAt == null && t.Salience == null && t.Category != null,
        SignalStatus.Active => t => t.ReviewStatus == null && t.NotifiedAt == null && t.Salience != null,
        _ => throw new ArgumentException($"Unknown signal status '{status}'; expected one of {string.Join(", ", SignalStatus.All)}.", nameof(status)),
    };
}
