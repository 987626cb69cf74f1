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
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<ResponseCacheOptions>>((options, settings) =>
            options.AddPolicy(ResponseCacheTags.Signals, policy => policy
                .AddPolicy<SharedResponsePolicy>()
                .Expire(TimeSpan.FromSeconds(settings.Value.SignalsSeconds))
                .Tag(ResponseCacheTags.Signals), excludeDefaultPolicy: true));
        return builder;
    }
}
