using Npgsql;
using SignalHarvester.Data.Signals;
using SignalHarvester.Data.Statistics;

namespace SignalHarvester.Api.Analytics;

/// <summary>
/// The analytics aggregates, computed by PostgreSQL (group by, date_bin, corr, width_bucket,
/// percentile_cont) so a dashboard's request reads a few rows instead of every artifact. The signals'
/// figures come from <see cref="SignalStore"/>, the owner of their table.
/// </summary>
public sealed class AnalyticsQueries(NpgsqlDataSource database, SignalStore signalStore)
{
    // Measures the correlations compare; the names are fixed here, never taken from a request.
    private static readonly string[] ScoreComponents =
        ["novelty", "emergence", "obscurity", "cross_source_bonus", "expert_bonus", "recency_factor", "discovery_score"];

    public async Task<SourcesAnalytics> SourcesAsync(CancellationToken cancellationToken)
    {
        const string sourcesSql = """
            select a.source, count(*)::int, count(c.id)::int, count(s.id)::int,
                   avg(s.discovery_score), max(s.discovery_score), max(a.published_at),
                   (select max(cu.updated_at) from cursors cu where cu.query_name = 'discovery:' || a.source)
            from artifacts a
            left join artifact_classifications c on c.artifact_id = a.id
            left join scores s on s.artifact_id = a.id
            group by a.source
            order by a.source
            """;
        var sources = await ReadAsync(sourcesSql, [], r => new SourceSummary(
            r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), Rounded(r, 4), Rounded(r, 5), Time(r, 6), Time(r, 7)), cancellationToken);

        var totals = await signalStore.TotalsAsync(cancellationToken);
        var signals = new SignalSourceSummary(totals.Signals, totals.Scored, totals.Notified, Rounded(totals.AverageSalience), totals.NewestAt);
        return new SourcesAnalytics(sources, signals);
    }

    public async Task<TrendsAnalytics> TrendsAsync(int days, string interval, string? source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-days);
        var step = interval == "week" ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);
        // Buckets start at Monday 2001-01-01 00:00 UTC, so days start at midnight and weeks on Monday.
        const string artifactsSql = """
            select date_bin(@step, a.published_at, timestamptz '2001-01-01 00:00:00+00') as period, a.source,
                   count(*)::int, avg(s.discovery_score)
            from artifacts a left join scores s on s.artifact_id = a.id
            where a.published_at >= @since and (@source::text is null or a.source = @source)
            group by period, a.source
            order by period, a.source
            """;
        var artifacts = await ReadAsync(artifactsSql, [new("step", step), new("since", since), new("source", (object?)source ?? DBNull.Value)],
            r => new ArtifactTrendPoint(Time(r, 0)!.Value, r.GetString(1), r.GetInt32(2), Rounded(r, 3)), cancellationToken);

        var signals = (await signalStore.PeriodsAsync(step, since, cancellationToken))
            .Select(p => new SignalTrendPoint(p.PeriodStart, p.Signals, Rounded(p.AverageSalience)))
            .ToList();
        return new TrendsAnalytics(interval, days, artifacts, signals);
    }

    public async Task<CorrelationsAnalytics> CorrelationsAsync(string? source, CancellationToken cancellationToken)
    {
        var pairs = ScoreComponents.SelectMany((a, i) => ScoreComponents.Skip(i + 1).Select(b => (A: a, B: b))).ToList();
        var componentsSql = $"""
            select count(*)::int, {string.Join(", ", pairs.Select(p => $"corr(s.{p.A}, s.{p.B})"))}
            from scores s join artifacts a on a.id = s.artifact_id
            where @source::text is null or a.source = @source
            """;
        var components = (await ReadAsync(componentsSql, [new("source", (object?)source ?? DBNull.Value)],
            r => pairs.Select((p, i) => new Correlation(p.A, p.B, Rounded(r, i + 1), r.GetInt32(0))).ToList(), cancellationToken)).Single();

        var salience = await signalStore.SalienceCorrelationsAsync(cancellationToken);
        List<Correlation> signals =
        [
            new("salience", "engagement", Rounded(salience.WithEngagement), salience.Samples),
            new("salience", "urgency", Rounded(salience.WithUrgency), salience.Samples),
        ];
        return new CorrelationsAnalytics(components, signals);
    }

    public async Task<ScoreDistributionsAnalytics> ScoreDistributionsAsync(int bins, string? source, CancellationToken cancellationToken)
    {
        var discovery = await ValueDistribution.ReadAsync(database,
            "select s.discovery_score as value from scores s join artifacts a on a.id = s.artifact_id where @source::text is null or a.source = @source",
            bins, [("source", source)], cancellationToken);
        var salience = await signalStore.SalienceDistributionAsync(bins, cancellationToken);
        return new ScoreDistributionsAnalytics(Shown(discovery, bins), Shown(salience, bins));
    }

    private static ScoreDistribution Shown(ValueDistribution distribution, int bins)
    {
        var width = 100.0 / bins;
        return new ScoreDistribution(
            distribution.Count, Rounded(distribution.Mean), Rounded(distribution.P50), Rounded(distribution.P90), Rounded(distribution.P99),
            Enumerable.Range(1, bins).Select(b => new ScoreBin(Math.Round((b - 1) * width, 3), Math.Round(b * width, 3), distribution.BinCounts.GetValueOrDefault(b))).ToList());
    }

    private async Task<List<T>> ReadAsync<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static double? Rounded(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Rounded(Convert.ToDouble(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture));

    private static double? Rounded(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
