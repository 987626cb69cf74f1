using System.Collections.Concurrent;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// Keeps requests to one host at least an interval apart. Politeness is owed per host, not per
/// client instance (typed clients are transient), so one pacer is a singleton holding a slot per
/// scheme+host+port, measured on the injected clock.
/// </summary>
public sealed class RequestPacer(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, HostSlot> slots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Waits until <paramref name="interval"/> has passed since the previous request to
    /// <paramref name="uri"/>'s host, then claims the slot for the caller's request.
    /// </summary>
    public async Task WaitTurnAsync(Uri uri, TimeSpan interval, CancellationToken cancellationToken)
    {
        var slot = slots.GetOrAdd(uri.GetLeftPart(UriPartial.Authority), _ => new HostSlot());
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.LastRequestAt is { } last)
            {
                var wait = last + interval - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, cancellationToken);
                }
            }

            slot.LastRequestAt = timeProvider.GetUtcNow();
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private sealed class HostSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset? LastRequestAt { get; set; }
    }
}
