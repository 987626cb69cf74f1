using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>Where the signal pipeline gets posts: X's recent search, or the embedded sample feed.</summary>
public interface IXPostSource
{
    /// <summary>"x-api" or "embedded-sample"; recorded with harvest runs and logs.</summary>
    string Name { get; }

    /// <summary>The origin of the posts it returns (<c>live</c> or <c>sample</c>), stored with each post and cursor.</summary>
    string Origin { get; }

    /// <summary>
    /// One page of recent-search results for the query, newest first. <paramref name="sinceId"/> is
    /// X's <c>since_id</c> (only posts newer than it); <paramref name="paginationToken"/> is the
    /// <see cref="XSearchPage.NextToken"/> of the previous page, with the same query and since id.
    /// </summary>
    /// <exception cref="XRateLimitedException">Rate limited until <see cref="XRateLimitedException.RetryAt"/>.</exception>
    /// <exception cref="XApiException">Any other failure; <see cref="XApiException.IsAuthenticationFailure"/> means retrying cannot help.</exception>
    Task<XSearchPage> SearchRecentAsync(XQuery query, string? sinceId, string? paginationToken, CancellationToken cancellationToken);
}
