namespace SignalHarvester.Api.RateLimiting;

public static class RateLimitingExtensions
{
    public static IHostApplicationBuilder AddApiRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitingOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitingOptions.SectionName))
            .Validate(o => o.AnonymousPerMinute > 0 && o.StandardPerMinute > 0 && o.PremiumPerMinute > 0 && o.RedisTimeoutMilliseconds > 0,
                "RateLimiting limits and RedisTimeoutMilliseconds must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisTokenBucket>();
        builder.Services.AddSingleton<InProcessTokenBuckets>();
        return builder;
    }

    public static IApplicationBuilder UseApiRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}
