using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it (a <c>Task.Delay</c> on
/// this clock is one), so a test can wait until the code under test is parked and then move time.
/// </summary>
public sealed class TimerRecordingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> timers = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The due time of the next timer created, waiting for one if none is pending.</summary>
    public Task<TimeSpan> NextTimerAsync() => timers.Reader.ReadAsync().AsTask();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        timers.Writer.TryWrite(dueTime);
        return timer;
    }
}
