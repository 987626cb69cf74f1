using YamlDotNet.RepresentationModel;

namespace SignalHarvester.Tests.Deployment;

/// <summary>
/// In the bundle, Caddy reaches the services it publishes on an edge network of its own, and only those
/// services, trusting only that subnet for <c>X-Forwarded-For</c>: nothing else on the compose networks
/// (the worker, the database, a compromised exporter) can choose the client address the API rate-limits.
/// </summary>
[Collection(GeneratedBundleCollection.Name)]
public sealed class EdgeNetworkBundleTests(GeneratedBundle bundle)
{
    private const string EdgeSubnet = "10.213.0.0/24";

    [Fact]
    public async Task Caddy_reaches_the_published_services_on_the_edge_network_whose_subnet_they_alone_trust()
    {
        var config = await ResolvedAsync();
        var services = (YamlMappingNode)config["services"];

        Assert.Equal(["edge", "monitoring"], NetworksOf(services, "caddy").Keys.Order());
        foreach (var published in new[] { "api", "web" })
        {
            var networks = NetworksOf(services, published);
            Assert.Contains("edge", networks.Keys);
            Assert.Equal([$"{published}.edge"], networks["edge"]);
            Assert.Equal(EdgeSubnet, Environment(services, published)["ForwardedHeaders__TrustedNetworks__0"]);
        }

        foreach (var other in new[] { "worker", "migrations", "prometheus", "postgres", "cache" })
        {
            Assert.DoesNotContain("edge", NetworksOf(services, other).Keys);
        }

        Assert.False(Environment(services, "worker").ContainsKey("ForwardedHeaders__TrustedNetworks__0"));
        var edge = (YamlMappingNode)((YamlMappingNode)config["networks"])["edge"];
        var subnet = ((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)edge["ipam"])["config"]).Children.Single())["subnet"];
        Assert.Equal(EdgeSubnet, ((YamlScalarNode)subnet).Value);

        var caddyfile = bundle.Read("Caddyfile");
        Assert.Contains("reverse_proxy api.edge:8080", caddyfile, StringComparison.Ordinal);
        Assert.Contains("reverse_proxy web.edge:8080", caddyfile, StringComparison.Ordinal);
    }

    // The file as compose resolves it with only the required variables set (defaults for the rest).
    private async Task<YamlMappingNode> ResolvedAsync()
    {
        var result = await Tool.RunAsync("docker-compose", ["-f", "docker-compose.staging.yml", "--env-file", bundle.RequiredOnlyEnvFile(), "config"], bundle.Directory);
        Assert.True(result.ExitCode == 0, result.ToString());
        var yaml = new YamlStream();
        yaml.Load(new StringReader(string.Join('\n', result.Output.Split('\n').Where(l => !l.StartsWith("WARNING", StringComparison.Ordinal)))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    // A service's networks with their aliases, whichever of compose's two spellings the file uses.
    private static Dictionary<string, string[]> NetworksOf(YamlMappingNode services, string service) =>
        ((YamlMappingNode)services[service])["networks"] switch
        {
            YamlSequenceNode list => list.Children.ToDictionary(n => ((YamlScalarNode)n).Value!, _ => Array.Empty<string>()),
            YamlMappingNode map => map.Children.ToDictionary(
                n => ((YamlScalarNode)n.Key).Value!,
                n => n.Value is YamlMappingNode settings && settings.Children.TryGetValue(new YamlScalarNode("aliases"), out var aliases)
                    ? ((YamlSequenceNode)aliases).Children.Select(a => ((YamlScalarNode)a).Value!).ToArray()
                    : []),
            var other => throw new InvalidOperationException($"{service}: networks is {other.NodeType}"),
        };

    private static Dictionary<string, string> Environment(YamlMappingNode services, string service) =>
        ((YamlMappingNode)((YamlMappingNode)services[service])["environment"]).Children
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");
}
