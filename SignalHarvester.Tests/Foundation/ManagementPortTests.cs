using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Foundation;

/// <summary>
/// ServiceDefaults' management port (what the Kubernetes bundle sets): readiness, the health report and metrics answer
/// only on the port probes and Prometheus use, whatever Host header a client sends through the ingress; liveness everywhere.
/// </summary>
public sealed class ManagementPortTests
{
    private static readonly string[] ManagementPaths = ["/health/ready", "/health/startup", "/health", Extensions.PrometheusPath];

    [Fact]
    public async Task With_a_management_port_only_liveness_answers_on_the_main_port()
    {
        var (main, management) = (FreePort.Pick(), FreePort.Pick());
        await using var app = await StartAsync(main, management);
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{main}/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{management}/health/live")).StatusCode);
        foreach (var path in ManagementPaths)
        {
            Assert.Equal((path, HttpStatusCode.NotFound), (path, (await http.GetAsync($"http://127.0.0.1:{main}{path}")).StatusCode));
            Assert.Equal((path, HttpStatusCode.OK), (path, (await http.GetAsync($"http://127.0.0.1:{management}{path}")).StatusCode));

            // The Host header names the management port, the connection does not: still hidden.
            using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{main}{path}");
            spoofed.Headers.Host = $"app.example.com:{management}";
            Assert.Equal((path, HttpStatusCode.NotFound), (path, (await http.SendAsync(spoofed)).StatusCode));
        }
    }

    [Fact]
    public async Task Without_one_every_endpoint_answers_on_every_port()
    {
        var main = FreePort.Pick();
        await using var app = await StartAsync(main, managementPort: null);
        using var http = new HttpClient();
        foreach (var path in ManagementPaths.Append("/health/live"))
        {
            Assert.Equal((path, HttpStatusCode.OK), (path, (await http.GetAsync($"http://127.0.0.1:{main}{path}")).StatusCode));
        }
    }

    private static async Task<WebApplication> StartAsync(int main, int? managementPort)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [Extensions.ManagementPortKey] = managementPort?.ToString() });
        builder.WebHost.UseUrls([$"http://127.0.0.1:{main}", .. managementPort is { } port ? [$"http://127.0.0.1:{port}"] : Array.Empty<string>()]);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }
}
