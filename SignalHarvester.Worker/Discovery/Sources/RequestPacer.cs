using System.Collections.Concurrent;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// Keeps requests to one host at least an interval apart. Politeness is owed per host, not per
/// client instance (typed clients are transient), so pacers are shared per scheme+host+port.
/// </summary>
internal sealed class RequestPacer
{
    private static readonly ConcurrentDictionary<string, RequestPacer> ByHost = new(StringComparer.OrdinalIgnoreCase);

    private readonly SemaphoreSlim gate = new(1, 1);
    private DateTimeOffset? lastRequestAt;

    public static RequestPacer ForHost(Uri uri) => ByHost.GetOrAdd(uri.GetLeftPart(UriPartial.Authority), _ => new RequestPacer());

    /// <summary>Waits until <paramref name="interval"/> has passed since the previous request to the host, then claims the slot.</summary>
    public async Task WaitTurnAsync(TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (lastRequestAt is { } last)
            {
                var wait = last + interval - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, cancellationToken);
                }
            }

            lastRequestAt = timeProvider.GetUtcNow();
        }
        finally
        {
            gate.Release();
        }
    }
}
