using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SignalHarvester.Api.Analytics;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Api;

/// <summary>
/// The API hosted in this test process on the stack's PostgreSQL and Redis: for what only the host can
/// show (its endpoint data source) or settings the stack does not vary (the environment).
/// </summary>
internal static class InProcessApi
{
    public static async Task<WebApplicationFactory<AnalyticsQueries>> CreateAsync(StackFixture stack, Action<IWebHostBuilder>? configure = null)
    {
        var database = await stack.DatabaseConnectionStringAsync();
        var cache = await stack.App.GetConnectionStringAsync(ResourceNames.Cache);
        return new WebApplicationFactory<AnalyticsQueries>().WithWebHostBuilder(host =>
        {
            host.UseSetting($"ConnectionStrings:{ResourceNames.Database}", database);
            host.UseSetting($"ConnectionStrings:{ResourceNames.Cache}", cache);
            configure?.Invoke(host);
        });
    }
}
