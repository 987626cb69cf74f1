namespace SignalHarvester.Api.RateLimiting;

public static class RateLimitingExtensions
{
    public static IHostApplicationBuilder AddApiRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitingOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitingOptions.SectionName))
            .Validate(o => o.AnonymousPerMinute > 0 && o.StandardPerMinute > 0 && o.PremiumPerMinute > 0 && o.RedisTimeoutMilliseconds > 0
                           && o.OpenStreamsPerClient > 0 && o.StreamChargeSeconds > 0,
                "RateLimiting limits, RedisTimeoutMilliseconds, OpenStreamsPerClient and StreamChargeSeconds must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisTokenBucket>();
        builder.Services.AddSingleton<InProcessTokenBuckets>();
        builder.Services.AddSingleton<ClientRateLimiter>();
        builder.Services.AddSingleton<OpenStreamSlots>();
        return builder;
    }

    public static IApplicationBuilder UseApiRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}
