using SignalHarvester.Data;
using SignalHarvester.Data.Caching;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Worker.Sources;

/// <summary>
/// Keeps a long-lived developer database from showing old samples: when a source runs in sample
/// mode and the newest sample item is more than <see cref="MaxAge"/> old, the samples are removed at start
/// (<see cref="SampleDataPurge"/>), and this start's first runs harvest a fresh, re-dated sample.
/// Registered before the jobs that run at start.
/// </summary>
internal sealed partial class StaleSampleRefresh(
    SourceSettings sources, IServiceScopeFactory scopes, SignalsChanged signalsChanged, TimeProvider clock, ILogger<StaleSampleRefresh> logger) : IHostedService
{
    /// <summary>The default window of <c>GET /api/v1/signals/top</c>: older samples would leave it empty.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!sources.All.Any(s => s.Mode == SourceMode.Sample && s.StoresData))
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HarvestDbContext>();
            if (await SampleDataPurge.RunIfOlderThanAsync(db, clock.GetUtcNow() - MaxAge, cancellationToken) is { } removed)
            {
                await signalsChanged.EvictAsync();
                LogRefreshed(logger, removed.Posts, removed.Artifacts);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stale samples are a nuisance, not a reason to stop the worker.
            LogRefreshFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The newest stored sample item was more than a day old: removed {Posts} sample posts and {Artifacts} sample artifacts; a fresh sample is harvested now")]
    private static partial void LogRefreshed(ILogger logger, int posts, int artifacts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the age of the stored sample data")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
