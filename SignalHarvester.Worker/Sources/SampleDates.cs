namespace SignalHarvester.Worker.Sources;

/// <summary>
/// How every bundled sample stays fresh: all its timestamps move by one offset, so its newest item
/// is <see cref="NewestItemAge"/> old at the moment it is read and the spacing between items is kept.
/// </summary>
public static class SampleDates
{
    /// <summary>Recent enough for any 24 h window, for recency scoring and for the notifier's 48 h window.</summary>
    public static readonly TimeSpan NewestItemAge = TimeSpan.FromHours(1);

    /// <summary>
    /// The offset that moves <paramref name="newestInSample"/> to <see cref="NewestItemAge"/> before
    /// <paramref name="now"/>. Whole seconds, because some formats (HN) only have seconds.
    /// </summary>
    public static TimeSpan ShiftFor(DateTimeOffset newestInSample, DateTimeOffset now) =>
        TimeSpan.FromSeconds(Math.Floor((now - NewestItemAge - newestInSample).TotalSeconds));
}
