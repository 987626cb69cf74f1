using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>Says at start what each discovery source that runs asks for (its mode is in the sources' own start-up report).</summary>
internal sealed class DiscoverySourceStartupLog(
    IEnumerable<RegisteredDiscoverySource> registered,
    SourceSettings sources,
    IServiceProvider services,
    ILogger<DiscoverySourceStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var source in registered.Where(r => sources.Find(r.Name) is { IsOff: false }))
        {
            logger.LogInformation("Discovery source {Source} asks for {Detail}", source.Name, source.DescribeRequest(services));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
