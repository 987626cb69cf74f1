using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>
/// One page of recent-search results, newest first, with X's <c>meta</c>. <see cref="NewestId"/> and
/// <see cref="OldestId"/> describe this page only (as on X): the newest id of a harvest is the
/// <see cref="NewestId"/> of its first page. <see cref="NextToken"/> is null on the last page.
/// </summary>
public sealed record XSearchPage(IReadOnlyList<XPost> Posts, string? NewestId, string? OldestId, string? NextToken, int ResultCount)
{
    public static XSearchPage Empty { get; } = new([], null, null, null, 0);

    /// <summary>
    /// Set when X answered this page with <c>x-rate-limit-remaining: 0</c>: the request window is
    /// spent until this moment (from <c>x-rate-limit-reset</c>), so a caller should not ask for the
    /// next page or query before then; asking anyway gets <see cref="XRateLimitedException"/>.
    /// </summary>
    public DateTimeOffset? RateLimitExhaustedUntil { get; init; }

    /// <summary>Items of <c>data</c> that could not be read or stored; <see cref="Posts"/> holds the rest of the page.</summary>
    public IReadOnlyList<SkippedPost> Skipped { get; init; } = [];
}
