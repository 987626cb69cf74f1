namespace SignalHarvester.Domain.Discovery;

/// <summary>How fast a topic grows, from its daily artifact counts.</summary>
public static class TopicGrowth
{
    /// <summary>
    /// Log-linear growth per day: the least-squares slope <c>b</c> of <c>ln(1 + count)</c> against the
    /// day index (oldest first), as <c>exp(b) − 1</c> (0.05 = 5 %/day). The +1 keeps empty days
    /// finite. Fewer than two days, or all equal counts, give 0.
    /// </summary>
    public static double LogLinearRate(IReadOnlyList<int> dailyCounts)
    {
        ArgumentNullException.ThrowIfNull(dailyCounts);
        var n = dailyCounts.Count;
        if (n < 2)
        {
            return 0;
        }

        var meanX = (n - 1) / 2.0;
        var meanY = dailyCounts.Average(c => Math.Log(1 + Math.Max(0, c)));
        double covariance = 0, variance = 0;
        for (var day = 0; day < n; day++)
        {
            var dx = day - meanX;
            covariance += dx * (Math.Log(1 + Math.Max(0, dailyCounts[day])) - meanY);
            variance += dx * dx;
        }

        return Math.Exp(covariance / variance) - 1;
    }

    /// <summary>
    /// Emergence (0..100): half how much of the topic is new (artifacts in the window over all its
    /// artifacts), half its momentum (0.5 when flat, 1 at twice the rapidly-emerging rate or more, 0 at
    /// minus that), rounded to 2 decimals.
    /// </summary>
    public static double EmergenceScore(int windowCount, int totalCount, double growthRate, TopicEvolutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var recentShare = totalCount <= 0 ? 0 : Math.Clamp((double)windowCount / totalCount, 0, 1);
        var momentum = Math.Clamp(0.5 + growthRate / (4 * options.RapidlyEmergingGrowth), 0, 1);
        return Math.Round(100 * (0.5 * recentShare + 0.5 * momentum), 2);
    }

    /// <summary>
    /// Per-day artifact counts over <paramref name="days"/> UTC days ending with the day of
    /// <paramref name="now"/> (oldest first); dates outside are ignored.
    /// </summary>
    public static int[] DailyCounts(IEnumerable<DateTimeOffset> publishedAt, DateTimeOffset now, int days)
    {
        var counts = new int[days];
        var firstDay = WindowStart(now, days);
        foreach (var date in publishedAt)
        {
            var index = (int)Math.Floor((date.UtcDateTime - firstDay.UtcDateTime).TotalDays);
            if (index >= 0 && index < days)
            {
                counts[index]++;
            }
        }

        return counts;
    }

    /// <summary>Midnight UTC of the first of <paramref name="days"/> days ending with today.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now, int days) => PeriodEnd(now).AddDays(-days);

    /// <summary>Midnight UTC after <paramref name="now"/>: calendar-day periods keep a rerun on the same day identical.</summary>
    public static DateTimeOffset PeriodEnd(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
}
