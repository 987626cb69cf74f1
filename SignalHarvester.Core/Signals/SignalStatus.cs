using System.Linq.Expressions;
using SignalHarvester.Core.Data.Entities;

namespace SignalHarvester.Core.Signals;

/// <summary>
/// The status the API shows for a signal. It is derived, never stored: <c>inactive</c> once
/// notified, <c>error</c> with neither salience nor category, <c>paused</c> when classified but not
/// scored, otherwise <c>active</c>.
/// </summary>
public static class SignalStatus
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Error = "error";
    public const string Inactive = "inactive";

    public static IReadOnlyList<string> All { get; } = [Active, Paused, Error, Inactive];

    public static string Derive(string? category, double? salience, DateTimeOffset? notifiedAt) =>
        notifiedAt is not null ? Inactive
        : salience is null && category is null ? Error
        : salience is null ? Paused
        : Active;

    public static string Derive(Tweet tweet) => Derive(tweet.Category, tweet.Salience, tweet.NotifiedAt);

    /// <summary>The same rule as a filter EF Core can translate to SQL, for listing signals by status.</summary>
    public static Expression<Func<Tweet, bool>> Is(string status) => status switch
    {
        Inactive => t => t.NotifiedAt != null,
        Error => t => t.NotifiedAt == null && t.Salience == null && t.Category == null,
        Paused => t => t.NotifiedAt == null && t.Salience == null && t.Category != null,
        Active => t => t.NotifiedAt == null && t.Salience != null,
        _ => throw new ArgumentException($"Unknown signal status '{status}'; expected one of {string.Join(", ", All)}.", nameof(status)),
    };
}
