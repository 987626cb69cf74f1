using Microsoft.Extensions.Options;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>Says once at startup where posts will come from, so a missing token is obvious in the logs rather than in empty data.</summary>
internal sealed class XSourceStartupLog(bool usesXApi, IOptions<XApiOptions> xOptions, IOptions<HarvestOptions> harvestOptions, ILogger<XSourceStartupLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (usesXApi)
        {
            logger.LogInformation("X source: x-api at {BaseUrl}", xOptions.Value.BaseUrl);
        }
        else
        {
            logger.LogInformation("X source: embedded sample (no Harvest:X:BearerToken configured)");
        }

        var queries = harvestOptions.Value.EnabledQueries.Select(q => q.Name).ToList();
        logger.LogInformation("X queries ({Count} enabled): {Queries}", queries.Count, string.Join(", ", queries));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
