using SignalHarvester.Hosting.Publishing;

namespace SignalHarvester.Hosting.Staging;

/// <summary>
/// The rehearsal's addresses: every service is a process on this machine, reached on the port the
/// orchestrator allocated to its endpoint. Services the rehearsal does not run (Grafana) have no
/// address, so the writers leave their jobs and sites out.
/// </summary>
internal sealed class LocalProcessAddresses(IReadOnlyDictionary<string, string> hostAndPortByService) : IStagingAddresses
{
    public static async Task<LocalProcessAddresses> ResolveAsync(
        IReadOnlyDictionary<string, EndpointReference> endpointByService, CancellationToken cancellationToken)
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (service, endpoint) in endpointByService)
        {
            addresses[service] = await endpoint.Property(EndpointProperty.HostAndPort).GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"{service}: endpoint {endpoint.EndpointName} has no address");
        }

        return new LocalProcessAddresses(addresses);
    }

    // One endpoint per service here, whatever container port the bundle names.
    public string? Resolve(string service, int port, string seenFrom) =>
        hostAndPortByService.TryGetValue(service, out var hostAndPort) ? hostAndPort : null;
}
