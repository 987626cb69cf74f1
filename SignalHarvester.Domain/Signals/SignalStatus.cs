namespace SignalHarvester.Domain.Signals;

/// <summary>
/// The status the API shows for a signal. An operator's review status (<c>archived</c>,
/// <c>dismissed</c>, stored with the signal) wins; otherwise it is derived:
/// <c>inactive</c> once notified, <c>error</c> with neither salience nor category, <c>paused</c>
/// when classified but not scored, otherwise <c>active</c>.
/// </summary>
public static class SignalStatus
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Error = "error";
    public const string Inactive = "inactive";
    public const string Archived = "archived";
    public const string Dismissed = "dismissed";

    /// <summary>What an operator sets to clear a review status, so the derived status shows again.</summary>
    public const string Cleared = "none";

    public static IReadOnlyList<string> All { get; } = [Active, Paused, Error, Inactive, Archived, Dismissed];

    /// <summary>The statuses an operator sets; the others are derived from the pipeline's progress.</summary>
    public static IReadOnlyList<string> Reviewed { get; } = [Archived, Dismissed];

    /// <summary>The values an update or bulk status change accepts: a review status, or <see cref="Cleared"/>.</summary>
    public static IReadOnlyList<string> Settable { get; } = [Archived, Dismissed, Cleared];

    /// <summary>The stored review status for a settable value (null for <see cref="Cleared"/>).</summary>
    public static string? ToReviewStatus(string settable) => settable == Cleared ? null : settable;

    public static string Derive(string? category, double? salience, DateTimeOffset? notifiedAt, string? reviewStatus = null) =>
        reviewStatus is not null ? reviewStatus
        : notifiedAt is not null ? Inactive
        : salience is null && category is null ? Error
        : salience is null ? Paused
        : Active;
}
