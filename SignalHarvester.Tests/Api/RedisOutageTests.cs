using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Api.Signals;
using SignalHarvester.Tests.Infrastructure;
using StackExchange.Redis;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

[Collection(RateLimitCollection.Name)]
public sealed class RedisOutageTests(RateLimitStackFixture stack)
{
    // The bucket of the "development" key (RedisTokenBucket's key layout).
    private const string BucketKey = "signalharvester:ratelimit:key:development";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Without_redis_the_api_serves_with_in_process_limits_reports_degraded_and_returns_to_redis()
    {
        using var client = stack.CreateApiClient();
        var redisConnection = await stack.App.GetConnectionStringAsync(ResourceNames.Cache) ?? throw new InvalidOperationException("no cache connection string");

        // Redis decides while it is up: the key's bucket lives there.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection))
        {
            using var before = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals/stats", RateLimitStackFixture.ApiKey));
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.True(await redis.GetDatabase().KeyExistsAsync(BucketKey));
        }

        var commands = stack.App.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync(ResourceNames.Cache, KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        try
        {
            // Reads are still served, limited and labelled by the in-process limiter.
            var read = await Eventually.ReturnsAsync(
                async () =>
                {
                    using var response = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals/stats", RateLimitStackFixture.ApiKey));
                    return (response.StatusCode, Limit: Header(response, "X-RateLimit-Limit"), Remaining: Header(response, "X-RateLimit-Remaining"));
                },
                r => r.StatusCode == HttpStatusCode.OK && r.Limit == RateLimitStackFixture.StandardPerMinute.ToString(CultureInfo.InvariantCulture),
                Timeout,
                "a read served while Redis is down");
            Assert.NotNull(read.Remaining);

            // Cached reads fall back to the database: the Redis response cache is a miss, not an error.
            using (var discoveries = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/discoveries?limit=1", RateLimitStackFixture.ApiKey)))
            {
                Assert.Equal(HttpStatusCode.OK, discoveries.StatusCode);
            }

            // A signal write still succeeds: its eviction of the cached signal reads is skipped, not an error.
            using (var create = Request(HttpMethod.Post, "/api/v1/signals", RateLimitStackFixture.ApiKey))
            {
                create.Content = JsonContent.Create(new { id = TestSignalRows.NewId(), text = "written while Redis is down" });
                using var created = await client.SendAsync(create);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            var health = await Eventually.ReturnsAsync(
                () => ReadyAsync(client),
                h => h.Status == HttpStatusCode.OK && h.Overall == "degraded" && h.Redis == "degraded",
                Timeout,
                "/health/ready reporting redis degraded");
            Assert.Equal("degraded", health.Overall);
        }
        finally
        {
            var started = await commands.ExecuteCommandAsync(ResourceNames.Cache, KnownResourceCommands.StartCommand);
            Assert.True(started.Success, started.Message);
        }

        // Right after the start command the snapshot may still say "exited": wait through that rather than fail on it.
        await stack.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Cache, WaitBehavior.WaitOnResourceUnavailable).WaitAsync(Timeout);
        await Eventually.ReturnsAsync(
            () => ReadyAsync(client),
            h => h.Status == HttpStatusCode.OK && h.Redis == "healthy",
            Timeout,
            "/health/ready reporting redis healthy again");

        // Limits are decided by Redis again: the key's bucket reappears there.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection))
        {
            await redis.GetDatabase().KeyDeleteAsync(BucketKey);
            await Eventually.ReturnsAsync(
                async () =>
                {
                    using var response = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/signals/stats", RateLimitStackFixture.ApiKey));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    return await redis.GetDatabase().KeyExistsAsync(BucketKey);
                },
                exists => exists,
                Timeout,
                "the rate limiter using Redis again");
        }
    }

    private static async Task<(HttpStatusCode Status, string? Overall, string? Redis)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var redis = body.RootElement.GetProperty("components").EnumerateArray()
            .FirstOrDefault(c => c.GetProperty("name").GetString() == "redis");
        return (response.StatusCode, body.RootElement.GetProperty("status").GetString(),
            redis.ValueKind == JsonValueKind.Undefined ? null : redis.GetProperty("status").GetString());
    }
}
