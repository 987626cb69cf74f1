using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SignalHarvester.Data;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain;
using SignalHarvester.ServiceDefaults.Health;

namespace SignalHarvester.Tests.Api.Security;

/// <summary>
/// A health body can reach the public (a probe through a proxy, a curious client): when PostgreSQL or
/// Redis is away it says which component failed, never the driver's message naming the host, port or user.
/// </summary>
public sealed class HealthBodyDisclosureTests
{
    private const string DatabaseUser = "owner-of-secrets";

    [Fact]
    public async Task Failed_database_and_cache_checks_name_the_component_but_not_the_host_port_or_user()
    {
        var (databasePort, cachePort) = (ClosedPort(), ClosedPort());
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Database}"] =
            $"Host=127.0.0.1;Port={databasePort};Username={DatabaseUser};Password=placeholder;Database=harvest";
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Cache}"] = $"127.0.0.1:{cachePort},abortConnect=false,connectTimeout=500";
        builder.AddHarvestDatabase(DatabaseTimeouts.RequestPath);
        builder.AddHarvestCache();
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Name is "database" or "redis");
        var body = await WriteAsync(report);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["database"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["redis"].Status);
        Assert.Contains("PostgreSQL did not answer select 1", body);
        Assert.Contains("Redis did not answer PING", body);
        foreach (var secret in new[] { "127.0.0.1", databasePort.ToString(), cachePort.ToString(), DatabaseUser })
        {
            Assert.DoesNotContain(secret, body);
        }

        Assert.NotNull(report.Entries["database"].Exception); // the cause still reaches the log
    }

    private static async Task<string> WriteAsync(HealthReport report)
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await HealthReportWriter.WriteAsync(context, report);
        return Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
