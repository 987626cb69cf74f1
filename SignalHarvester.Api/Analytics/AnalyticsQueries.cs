using Npgsql;

namespace SignalHarvester.Api.Analytics;

/// <summary>
/// The analytics aggregates, computed by PostgreSQL (group by, date_bin, corr, width_bucket,
/// percentile_cont) so a dashboard's request reads a few rows instead of every artifact.
/// </summary>
public sealed class AnalyticsQueries(NpgsqlDataSource database)
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

        const string signalsSql = """
            select count(*)::int, count(salience)::int, count(notified_at)::int, avg(salience), max(created_at)
            from tweets
            """;
        var signals = (await ReadAsync(signalsSql, [], r => new SignalSourceSummary(
            r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), Rounded(r, 3), Time(r, 4)), cancellationToken)).Single();
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

        const string signalsSql = """
            select date_bin(@step, created_at, timestamptz '2001-01-01 00:00:00+00') as period, count(*)::int, avg(salience)
            from tweets
            where created_at >= @since
            group by period
            order by period
            """;
        var signals = await ReadAsync(signalsSql, [new("step", step), new("since", since)],
            r => new SignalTrendPoint(Time(r, 0)!.Value, r.GetInt32(1), Rounded(r, 2)), cancellationToken);
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

        const string signalsSql = """
            select count(*)::int,
                   corr(salience, like_count + retweet_count + reply_count + quote_count),
                   corr(salience, urgency)
            from tweets where salience is not null
            """;
        var signals = (await ReadAsync(signalsSql, [], r => new List<Correlation>
        {
            new("salience", "engagement", Rounded(r, 1), r.GetInt32(0)),
            new("salience", "urgency", Rounded(r, 2), r.GetInt32(0)),
        }, cancellationToken)).Single();
        return new CorrelationsAnalytics(components, signals);
    }

    public async Task<ScoreDistributionsAnalytics> ScoreDistributionsAsync(int bins, string? source, CancellationToken cancellationToken)
    {
        var discovery = await DistributionAsync(
            "select s.discovery_score as value from scores s join artifacts a on a.id = s.artifact_id where @source::text is null or a.source = @source",
            bins, source, cancellationToken);
        var salience = await DistributionAsync("select salience as value from tweets where salience is not null", bins, null, cancellationToken);
        return new ScoreDistributionsAnalytics(discovery, salience);
    }

    private async Task<ScoreDistribution> DistributionAsync(string valuesSql, int bins, string? source, CancellationToken cancellationToken)
    {
        // width_bucket puts 100 in bin bins+1; least() folds it into the last bin.
        var binsSql = $"""
            with v as ({valuesSql})
            select least(width_bucket(value, 0, 100, @bins), @bins) as bin, count(*)::int from v group by bin order by bin
            """;
        var counts = (await ReadAsync(binsSql, [new("bins", bins), new("source", (object?)source ?? DBNull.Value)],
            r => (Bin: r.GetInt32(0), Count: r.GetInt32(1)), cancellationToken)).ToDictionary(b => b.Bin, b => b.Count);
        var summarySql = $"""
            with v as ({valuesSql})
            select count(*)::int, avg(value),
                   percentile_cont(0.5) within group (order by value),
                   percentile_cont(0.9) within group (order by value),
                   percentile_cont(0.99) within group (order by value)
            from v
            """;
        var width = 100.0 / bins;
        return (await ReadAsync(summarySql, [new("source", (object?)source ?? DBNull.Value)], r => new ScoreDistribution(
            r.GetInt32(0), Rounded(r, 1), Rounded(r, 2), Rounded(r, 3), Rounded(r, 4),
            Enumerable.Range(1, bins).Select(b => new ScoreBin(Math.Round((b - 1) * width, 3), Math.Round(b * width, 3), counts.GetValueOrDefault(b))).ToList()),
            cancellationToken)).Single();
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
        reader.IsDBNull(ordinal) ? null : Math.Round(Convert.ToDouble(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture), 4);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
