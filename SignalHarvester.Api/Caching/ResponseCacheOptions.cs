namespace SignalHarvester.Api.Caching;

/// <summary>Lifetimes of cached responses; bound from <c>Api:ResponseCache</c>.</summary>
public sealed class ResponseCacheOptions
{
    public const string SectionName = "Api:ResponseCache";

    /// <summary>
    /// How long a cached signal response lives at most. Writers that can evict do so at once; this bounds how long a
    /// change they cannot announce (an operator's SQL, the migration service's <c>purge-samples</c>) stays unseen.
    /// </summary>
    public int SignalsSeconds { get; set; } = 10;
}
