using System.Net;
using System.Net.Http.Json;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api.BadInput;

/// <summary>
/// A stack of its own for bad input: the matrix sends thousands of requests (anonymous ones too), more than
/// any shared stack's rate limits allow, and checks that the stored data did not change, which needs a
/// database nothing else writes to: no worker (so no pipeline runs), no other tests' mutations. A signal and an
/// experiment are stored up front so that a change to existing rows would show, not only new rows.
/// </summary>
public sealed class BadInputStackFixture : StackFixture
{
    public const string ApiKey = "test-key-bad-input-0123456789abcdef";

    protected override bool IncludeWorker => false;

    protected override IEnumerable<string> AppHostArguments =>
    [
        $"--Parameters:api-key={ApiKey}",
        "--RateLimiting:AnonymousPerMinute=1000000",
        "--RateLimiting:StandardPerMinute=1000000",
    ];

    protected override async Task AfterStartAsync()
    {
        using var client = CreateApiClient();
        await CreateAsync(client, "/api/v1/signals", new { id = "1234567890123", text = "stored before the bad input" });
        await CreateAsync(client, "/api/v1/experiments", new { name = "stored before the bad input", config = new { threshold = 50 } });
    }

    private static async Task CreateAsync(HttpClient client, string path, object body)
    {
        using var request = Request(HttpMethod.Post, path, ApiKey);
        request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

[CollectionDefinition(Name)]
public sealed class BadInputCollection : ICollectionFixture<BadInputStackFixture>
{
    public const string Name = "bad-input";
}
