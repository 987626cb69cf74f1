namespace SignalHarvester.Hosting.Publishing;

/// <summary>The compose deployment: services reach each other by service name on the compose networks.</summary>
internal sealed class ComposeNetworkAddresses : IStagingAddresses
{
    public static ComposeNetworkAddresses Instance { get; } = new();

    private ComposeNetworkAddresses()
    {
    }

    // A container reaches its own ports on localhost (Prometheus scraping itself); Caddy reaches what it
    // publishes by the edge alias, so its requests come from the one subnet those services trust.
    public string Resolve(string service, int port, string seenFrom) =>
        service == seenFrom ? $"localhost:{port}"
        : seenFrom == MonitoringServices.Caddy && CaddyfileWriter.PublicSites.Values.Contains(service) ? $"{ComposeFileWriter.EdgeAlias(service)}:{port}"
        : $"{service}:{port}";
}
