using SignalHarvester.Data.Caching;

namespace SignalHarvester.Api.Caching;

internal static class ResponseCachingExtensions
{
    /// <summary>How long a cached discoveries response lives at most; a discovery run evicts it sooner.</summary>
    private static readonly TimeSpan DiscoveriesLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long a cached trending-topics response lives at most; a discovery run evicts it sooner.</summary>
    private static readonly TimeSpan TopicsLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Hot reads are cheap: discoveries and trending-topics responses are cached in Redis (shared by every replica), per
    /// query string, tagged so the worker evicts them when a discovery run completes; for every caller alike, with or
    /// without an API key (<see cref="SharedResponsePolicy"/>).
    /// </summary>
    public static IHostApplicationBuilder AddResponseCaching(this IHostApplicationBuilder builder)
    {
        builder.AddResponseCacheStore();
        builder.Services.AddOutputCache(options =>
        {
            options.AddPolicy(ResponseCacheTags.Discoveries, policy => policy
                .AddPolicy<SharedResponsePolicy>()
                .Expire(DiscoveriesLifetime)
                .Tag(ResponseCacheTags.Discoveries), excludeDefaultPolicy: true);
            options.AddPolicy(ResponseCacheTags.Topics, policy => policy
                .AddPolicy<SharedResponsePolicy>()
                .Expire(TopicsLifetime)
                .Tag(ResponseCacheTags.Topics), excludeDefaultPolicy: true);
        });
        return builder;
    }
}
