namespace SignalHarvester.Api.Cache;

/// <summary>The tags whose cached responses were evicted.</summary>
public sealed record CacheInvalidation(IReadOnlyList<string> EvictedTags);
