using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using SignalHarvester.ServiceDefaults.Proxies;

namespace SignalHarvester.Tests.Api.Security;

/// <summary>
/// A service behind a proxy, as the container runtime starts it (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>):
/// <c>X-Forwarded-For</c> decides the client address only when the peer is on a trusted proxy network.
/// </summary>
public sealed class TrustedProxiesTests
{
    private const string Forwarded = "198.51.100.23";

    [Theory]
    [InlineData("172.30.0.5", "198.51.100.23")] // the proxy, on the configured network
    [InlineData("172.31.0.5", "172.31.0.5")] // another container on another network: its header is ignored
    [InlineData("127.0.0.1", "127.0.0.1")] // loopback is not trusted once networks are configured
    public async Task Only_a_peer_on_a_trusted_network_may_name_the_client(string peer, string expected)
    {
        await using var app = await StartAsync(["172.30.0.0/24"]);

        Assert.Equal(expected, await ClientAddressSeenAsync(app, peer));
    }

    [Theory]
    [InlineData("127.0.0.1", "198.51.100.23")]
    [InlineData("10.0.0.9", "10.0.0.9")]
    public async Task Without_configured_networks_only_loopback_is_trusted(string peer, string expected)
    {
        await using var app = await StartAsync([]);

        Assert.Equal(expected, await ClientAddressSeenAsync(app, peer));
    }

    [Fact]
    public void A_network_that_is_not_cidr_stops_the_service_with_its_name()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[$"{TrustedProxies.NetworksKey}:0"] = "caddy";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddTrustedProxies());
        Assert.Contains("'caddy' is not a network in CIDR notation", error.Message, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync(string[] networks)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        // What ASPNETCORE_FORWARDEDHEADERS_ENABLED=true sets (the variable's prefix is the host's).
        builder.Configuration["FORWARDEDHEADERS_ENABLED"] = "true";
        for (var i = 0; i < networks.Length; i++)
        {
            builder.Configuration[$"{TrustedProxies.NetworksKey}:{i}"] = networks[i];
        }

        builder.AddTrustedProxies();
        var app = builder.Build();
        app.MapGet("/", (HttpContext context) => context.Connection.RemoteIpAddress?.ToString());
        await app.StartAsync();
        return app;
    }

    private static async Task<string> ClientAddressSeenAsync(WebApplication app, string peer)
    {
        var context = await app.GetTestServer().SendAsync(request =>
        {
            request.Request.Method = "GET";
            request.Request.Path = "/";
            request.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            request.Request.Headers["X-Forwarded-For"] = Forwarded;
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
