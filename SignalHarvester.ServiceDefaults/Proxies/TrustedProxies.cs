using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SignalHarvester.ServiceDefaults.Proxies;

/// <summary>
/// Whose <c>X-Forwarded-For</c> a service believes. Behind a proxy the container runtime sets
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, and ASP.NET Core then trusts any peer, so anything on the
/// proxy's networks could choose its own client address (and rate-limit bucket). Only the networks in
/// <c>ForwardedHeaders:TrustedNetworks</c> (CIDR, e.g. the proxy's network) are trusted; loopback when none
/// are configured.
/// </summary>
public static class TrustedProxies
{
    public const string NetworksKey = "ForwardedHeaders:TrustedNetworks";

    public static TBuilder AddTrustedProxies<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var networks = (builder.Configuration.GetSection(NetworksKey).Get<string[]>() ?? [])
            .Where(network => !string.IsNullOrWhiteSpace(network))
            .Select(Parse)
            .ToList();
        // Runs after the framework's own set-up (registered when the host was created), which empties both lists.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks.Count > 0 ? networks : [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")])
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    private static IPNetwork Parse(string network) =>
        IPNetwork.TryParse(network.Trim(), out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{NetworksKey}: '{network}' is not a network in CIDR notation (e.g. 172.30.0.0/24).");
}
