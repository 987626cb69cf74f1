using SignalHarvester.Data.Statistics;

namespace SignalHarvester.Data.Signals;

public sealed partial class SignalStore
{
    /// <summary>How many signals there are, scored and notified, their mean salience and the newest one's time.</summary>
    public async Task<SignalTotals> TotalsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*)::int, count(salience)::int, count(notified_at)::int, avg(salience), max(created_at) from tweets");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SignalTotals(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
    }

    /// <summary>Signals created since <paramref name="since"/> per period of <paramref name="step"/> (days from midnight UTC, weeks from Monday).</summary>
    public async Task<List<SignalPeriod>> PeriodsAsync(TimeSpan step, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Buckets start at Monday 2001-01-01 00:00 UTC, so days start at midnight and weeks on Monday.
        await using var command = dataSource.CreateCommand("""
            select date_bin(@step, created_at, timestamptz '2001-01-01 00:00:00+00') as period, count(*)::int, avg(salience)
            from tweets
            where created_at >= @since
            group by period
            order by period
            """);
        command.Parameters.AddWithValue("step", step);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var periods = new List<SignalPeriod>();
        while (await reader.ReadAsync(cancellationToken))
        {
            periods.Add(new SignalPeriod(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetDouble(2)));
        }

        return periods;
    }

    /// <summary>How salience correlates with engagement (likes + reposts + replies + quotes) and with urgency, over scored signals.</summary>
    public async Task<SalienceCorrelations> SalienceCorrelationsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select count(*)::int,
                   corr(salience, like_count + retweet_count + reply_count + quote_count),
                   corr(salience, urgency)
            from tweets where salience is not null
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SalienceCorrelations(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetDouble(2));
    }

    /// <summary>The spread of the scored signals' salience over <paramref name="bins"/> bins.</summary>
    public Task<ValueDistribution> SalienceDistributionAsync(int bins, CancellationToken cancellationToken) =>
        ValueDistribution.ReadAsync(dataSource, "select salience as value from tweets where salience is not null", bins, [], cancellationToken);
}

public sealed record SignalTotals(int Signals, int Scored, int Notified, double? AverageSalience, DateTimeOffset? NewestAt);

public sealed record SignalPeriod(DateTimeOffset PeriodStart, int Signals, double? AverageSalience);

public sealed record SalienceCorrelations(int Samples, double? WithEngagement, double? WithUrgency);
