using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace SignalHarvester.Data.Caching;

public static class ResponseCacheHostingExtensions
{
    /// <summary>
    /// The API's output cache store in Redis, shared by every API replica and by the worker (which
    /// evicts tags when a run changes what cached responses show). Needs <c>AddHarvestCache</c>.
    /// </summary>
    public static IHostApplicationBuilder AddResponseCacheStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddStackExchangeRedisOutputCache(_ => { });
        builder.Services.AddOptions<RedisOutputCacheOptions>()
            .Configure<IConnectionMultiplexer>((options, redis) =>
            {
                options.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
                options.InstanceName = ResponseCacheStatistics.KeyPrefix;
            });
        builder.Services.AddSingleton<ResponseCacheStatistics>();
        builder.Services.AddSingleton<SignalsChanged>();
        builder.Services.Decorate();
        return builder;
    }

    // Wraps the Redis store registered above so that a Redis outage degrades to "not cached".
    private static void Decorate(this IServiceCollection services)
    {
        var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(redisStore);
        services.AddSingleton<IOutputCacheStore>(provider => ActivatorUtilities.CreateInstance<ResilientOutputCacheStore>(
            provider, (IOutputCacheStore)(redisStore.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, redisStore.ImplementationType!))));
    }
}
