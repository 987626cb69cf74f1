namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// What an open event stream costs its client: one of its stream slots while it lasts, and one token
/// every charge interval (the first on opening is the request's own). When the client's bucket is empty
/// the stream ends; the client resumes it later with <c>Last-Event-ID</c>.
/// </summary>
public sealed class StreamCharge(
    ClientRateLimiter limiter, ClientPartition partition, OpenStreamSlots.Slot slot, TimeSpan every, TimeProvider clock) : IAsyncDisposable
{
    private long chargedAt = clock.GetTimestamp();

    /// <summary>False once the client can no longer pay for the stream.</summary>
    public async Task<bool> ContinueAsync()
    {
        if (clock.GetElapsedTime(chargedAt) < every)
        {
            return true;
        }

        chargedAt = clock.GetTimestamp();
        await slot.HeartbeatAsync();
        return (await limiter.DecideAsync(partition, cost: 1)).Allowed;
    }

    public ValueTask DisposeAsync() => slot.DisposeAsync();
}
