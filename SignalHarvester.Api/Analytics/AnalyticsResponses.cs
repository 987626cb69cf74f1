namespace SignalHarvester.Api.Analytics;

/// <summary>What one discovery source contributed, and how fresh it is.</summary>
public sealed record SourceSummary(
    string Source, int Artifacts, int Classified, int Scored, double? AverageScore, double? MaxScore,
    DateTimeOffset? NewestPublishedAt, DateTimeOffset? LastFetchedAt);

/// <summary>The signal pipeline's posts at a glance.</summary>
public sealed record SignalSourceSummary(int Posts, int Scored, int Notified, double? AverageSalience, DateTimeOffset? NewestAt);

public sealed record SourcesAnalytics(IReadOnlyList<SourceSummary> Sources, SignalSourceSummary Signals);

/// <summary>One period of one source: artifacts published in it and their mean discovery score.</summary>
public sealed record ArtifactTrendPoint(DateTimeOffset PeriodStart, string Source, int Artifacts, double? AverageScore);

/// <summary>One period of the signal pipeline: posts created in it and their mean salience.</summary>
public sealed record SignalTrendPoint(DateTimeOffset PeriodStart, int Posts, double? AverageSalience);

public sealed record TrendsAnalytics(string Interval, int Days, IReadOnlyList<ArtifactTrendPoint> Artifacts, IReadOnlyList<SignalTrendPoint> Signals);

/// <summary>Pearson correlation of two measures over <see cref="Samples"/> rows; null when undefined (fewer than two rows or no variance).</summary>
public sealed record Correlation(string A, string B, double? Coefficient, int Samples);

public sealed record CorrelationsAnalytics(IReadOnlyList<Correlation> ScoreComponents, IReadOnlyList<Correlation> Signals);

/// <summary>Counts per equal-width bin over 0..100, with summary statistics.</summary>
public sealed record ScoreDistribution(
    int Count, double? Mean, double? P50, double? P90, double? P99, IReadOnlyList<ScoreBin> Bins);

/// <summary>Scores in [From, To) (the last bin includes 100).</summary>
public sealed record ScoreBin(double From, double To, int Count);

public sealed record ScoreDistributionsAnalytics(ScoreDistribution Discovery, ScoreDistribution Salience);
