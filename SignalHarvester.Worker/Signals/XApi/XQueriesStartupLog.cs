using Microsoft.Extensions.Options;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>Says once at start which queries the harvest runs (the source's mode is in the sources' own start-up report).</summary>
internal sealed class XQueriesStartupLog(IOptions<HarvestOptions> harvestOptions, ILogger<XQueriesStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var queries = harvestOptions.Value.EnabledQueries.Select(q => q.Name).ToList();
        logger.LogInformation("X queries ({Count} enabled): {Queries}", queries.Count, string.Join(", ", queries));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
