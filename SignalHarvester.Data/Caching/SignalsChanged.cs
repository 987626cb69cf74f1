using Microsoft.AspNetCore.OutputCaching;

namespace SignalHarvester.Data.Caching;

/// <summary>
/// What every writer of signals (the <c>tweets</c> table) calls once its change has committed: evicts the API's cached
/// signal responses (<see cref="ResponseCacheTags.Signals"/>), so the next read shows the change. Never fails the write:
/// the store skips the eviction while Redis is unreachable, and the cached responses then expire within their lifetime.
/// </summary>
public sealed class SignalsChanged(IOutputCacheStore responseCache)
{
    // Not the caller's token: the write has committed, and a request cancelled now must not leave stale reads behind.
    public ValueTask EvictAsync() => responseCache.EvictByTagAsync(ResponseCacheTags.Signals, CancellationToken.None);
}
