using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Api.Security;

/// <summary>
/// The OpenAPI document and the Scalar reference are published in Development (the stack the other tests
/// run) and, elsewhere, only when <c>Api:Documentation:Enabled</c> says so.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DocumentationExposureTests(StackFixture stack)
{
    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("false", HttpStatusCode.NotFound)]
    [InlineData("true", HttpStatusCode.OK)]
    public async Task Outside_development_the_contract_is_published_only_when_enabled(string? enabled, HttpStatusCode expected)
    {
        await using var api = await InProcessApi.CreateAsync(stack, host =>
        {
            host.UseEnvironment("Production");
            if (enabled is not null)
            {
                host.UseSetting("Api:Documentation:Enabled", enabled);
            }
        });
        using var client = api.CreateClient();

        Assert.Equal(expected, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync("/scalar")).StatusCode);
        using var root = JsonDocument.Parse(await client.GetStringAsync("/"));
        Assert.Equal(expected == HttpStatusCode.OK, root.RootElement.GetProperty("openapi").ValueKind == JsonValueKind.String);
    }
}
