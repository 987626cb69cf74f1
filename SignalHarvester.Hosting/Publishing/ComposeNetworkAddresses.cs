namespace SignalHarvester.Hosting.Publishing;

/// <summary>The compose deployment: services reach each other by service name on the compose networks.</summary>
internal sealed class ComposeNetworkAddresses : IStagingAddresses
{
    public static ComposeNetworkAddresses Instance { get; } = new();

    private ComposeNetworkAddresses()
    {
    }

    // A container reaches its own ports on localhost (Prometheus scraping itself).
    public string Resolve(string service, int port, string seenFrom) =>
        service == seenFrom ? $"localhost:{port}" : $"{service}:{port}";
}
