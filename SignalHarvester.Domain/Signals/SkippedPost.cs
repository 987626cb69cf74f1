namespace SignalHarvester.Domain.Signals;

/// <summary>
/// A post the harvest could not keep, with why. The rest of its page is stored and the cursor moves past it: it is
/// counted (metric <c>signalharvester.signals.posts_skipped</c> by <see cref="Kind"/>) and logged, not retried forever.
/// </summary>
/// <param name="Id">The post's id when it had a readable one.</param>
/// <param name="Kind">One of <see cref="Unreadable"/>, <see cref="Unstorable"/>, <see cref="Oversized"/>, <see cref="Refused"/> (a bounded metric label).</param>
public sealed record SkippedPost(string? Id, string Kind, string Reason)
{
    /// <summary>A field X sent is unusable: no valid id, a date that is none, a string that is no UTF-16 text.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>Text PostgreSQL cannot store (NUL, an unpaired surrogate).</summary>
    public const string Unstorable = "unstorable";

    /// <summary>The post's JSON is larger than any real post (the worker's upstream item limit).</summary>
    public const string Oversized = "oversized";

    /// <summary>The database refused the row for another reason.</summary>
    public const string Refused = "refused";
}
