using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using SignalHarvester.Data.Caching;

namespace SignalHarvester.Api.Caching;

internal static class ResponseCachingExtensions
{
    /// <summary>How long a cached discoveries response lives at most; a discovery run evicts it sooner.</summary>
    private static readonly TimeSpan DiscoveriesLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long a cached trending-topics response lives at most; a discovery run evicts it sooner.</summary>
    private static readonly TimeSpan TopicsLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Hot reads are cheap: discoveries, trending-topics and signal responses are cached in Redis (shared by every
    /// replica), per query string, tagged so that whoever changes what they show evicts them (the worker when a run
    /// completes, the API after a write); for every caller alike, with or without an API key (<see cref="SharedResponsePolicy"/>).
    /// </summary>
    public static IHostApplicationBuilder AddResponseCaching(this IHostApplicationBuilder builder)
    {
        builder.AddResponseCacheStore();
        builder.Services.AddOptions<ResponseCacheOptions>()
            .Bind(builder.Configuration.GetSection(ResponseCacheOptions.SectionName))
            .Validate(o => o.SignalsSeconds is >= 1 and <= 300, $"{ResponseCacheOptions.SectionName}:SignalsSeconds must be between 1 and 300.")
            .ValidateOnStart();
        // One shape for every tag; the signals' lifetime comes from configuration, so all are added once it is bound.
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<ResponseCacheOptions>>((options, settings) =>
        {
            AddSharedPolicy(options, ResponseCacheTags.Discoveries, DiscoveriesLifetime);
            AddSharedPolicy(options, ResponseCacheTags.Topics, TopicsLifetime);
            AddSharedPolicy(options, ResponseCacheTags.Signals, TimeSpan.FromSeconds(settings.Value.SignalsSeconds));
        });
        return builder;
    }

    /// <summary>A policy named after its tag: cached for every caller alike, for at most <paramref name="lifetime"/>.</summary>
    private static void AddSharedPolicy(OutputCacheOptions options, string tag, TimeSpan lifetime) =>
        options.AddPolicy(tag, policy => policy.AddPolicy<SharedResponsePolicy>().Expire(lifetime).Tag(tag), excludeDefaultPolicy: true);
}
