using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class TopicEvolutionRulesTests
{
    private static readonly TopicEvolutionOptions Defaults = new();

    [Fact]
    public void Growth_is_the_log_linear_slope_per_day()
    {
        // ln(1 + c) rises by exactly ln(1.1) a day: 10 % a day.
        var counts = Enumerable.Range(0, 10).Select(day => (int)Math.Round(100 * Math.Pow(1.1, day)) - 1).ToList();
        Assert.Equal(0.10, TopicGrowth.LogLinearRate(counts), 2);

        Assert.Equal(0, TopicGrowth.LogLinearRate([4, 4, 4, 4]), 12);
        Assert.Equal(0, TopicGrowth.LogLinearRate([7]));
        Assert.True(TopicGrowth.LogLinearRate([9, 6, 3, 1, 0]) < 0);
    }

    [Theory]
    [InlineData(0.051, TopicTrends.RapidlyEmerging)]
    [InlineData(0.05, TopicTrends.Emerging)] // "more than 5 %/day"
    [InlineData(0.011, TopicTrends.Emerging)]
    [InlineData(0.01, TopicTrends.Stable)]
    [InlineData(0, TopicTrends.Stable)]
    [InlineData(-0.01, TopicTrends.Stable)]
    [InlineData(-0.011, TopicTrends.Declining)]
    public void Trend_classes_follow_the_growth_thresholds(double growth, string trend) =>
        Assert.Equal(trend, TopicTrends.Classify(growth, Defaults));

    [Fact]
    public void Trend_thresholds_are_configuration()
    {
        var strict = new TopicEvolutionOptions { RapidlyEmergingGrowth = 0.2, EmergingGrowth = 0.1, DecliningGrowth = -0.1 };
        Assert.Equal(TopicTrends.Stable, TopicTrends.Classify(0.08, strict));
        Assert.Equal(TopicTrends.Emerging, TopicTrends.Classify(0.15, strict));
        Assert.Null(TopicEvolutionOptions.Validate(strict));
        Assert.NotNull(TopicEvolutionOptions.Validate(new TopicEvolutionOptions { EmergingGrowth = 0.1 }));
        Assert.NotNull(TopicEvolutionOptions.Validate(new TopicEvolutionOptions { SimilarityThreshold = 0.8 }));
    }

    [Fact]
    public void Emergence_weighs_how_new_a_topic_is_and_its_momentum()
    {
        Assert.Equal(100, TopicGrowth.EmergenceScore(10, 10, 2 * Defaults.RapidlyEmergingGrowth, Defaults));
        Assert.Equal(25, TopicGrowth.EmergenceScore(0, 10, 0, Defaults));
        Assert.Equal(50, TopicGrowth.EmergenceScore(5, 10, 0, Defaults));
        Assert.Equal(0, TopicGrowth.EmergenceScore(0, 10, -1, Defaults));
        Assert.InRange(TopicGrowth.EmergenceScore(3, 4, 0.03, Defaults), 0, 100);
    }

    [Fact]
    public void Daily_counts_cover_whole_utc_days_ending_today()
    {
        var now = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        DateTimeOffset[] published =
        [
            now.AddHours(-1), new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), // today
            new(2026, 11, 26, 23, 59, 0, TimeSpan.Zero), // yesterday
            new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), // first day of a 3-day window
            new(2026, 11, 24, 23, 0, 0, TimeSpan.Zero), // before it
            now.AddDays(2), // after it
        ];

        Assert.Equal([1, 1, 2], TopicGrowth.DailyCounts(published, now, 3));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), TopicGrowth.WindowStart(now, 3));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), TopicGrowth.PeriodEnd(now));
    }

    [Fact]
    public void Similarities_cover_each_pair_of_topics_with_a_centroid_once()
    {
        TopicCentroid[] topics = [new(3, [1f, 0f]), new(1, [1f, 1f]), new(2, []), new(4, [0f, 1f])];

        var pairs = TopicEvolutionRules.Similarities(topics);

        Assert.Equal([(1L, 3L), (1L, 4L), (3L, 4L)], pairs.Select(p => (p.TopicAId, p.TopicBId)));
        Assert.Equal(Math.Round(1 / Math.Sqrt(2), TopicEvolutionRules.Decimals), pairs[0].Similarity);
        Assert.Equal(0, pairs[2].Similarity);
    }

    [Fact]
    public void Converging_pairs_merge_and_diverging_ones_split_with_hysteresis()
    {
        TopicPairSimilarity[] current =
        [
            new(1, 2, 0.90), // was 0.80: crosses the merge line → merge
            new(3, 4, 0.60), // was 0.90: falls below the split line → split
            new(5, 6, 0.75), // was 0.90: between the lines → nothing yet
            new(7, 8, 0.95), // was 0.90: already merged-similar → nothing
            new(9, 10, 0.95), // never compared → nothing concluded
        ];
        var previous = new Dictionary<(long, long), double> { [(1, 2)] = 0.80, [(3, 4)] = 0.90, [(5, 6)] = 0.90, [(7, 8)] = 0.90 };
        var counts = new Dictionary<long, int> { [1] = 10, [2] = 3, [3] = 4, [4] = 4 };

        var events = TopicEvolutionRules.PairEvents(current, (a, b) => previous.TryGetValue((a, b), out var s) ? s : null, counts, Defaults);

        Assert.Equal(
            [new TopicEvent(TopicEventTypes.Merge, 2, 1), new TopicEvent(TopicEventTypes.Split, 4, 3)],
            events);
    }

    [Theory]
    [InlineData(80, 5, 0.06, true)]
    [InlineData(80, 5, 0.02, true)]
    [InlineData(69.99, 5, 0.06, false)] // score too low
    [InlineData(80, 2, 0.06, false)] // too few artifacts
    [InlineData(80, 5, 0.005, false)] // not growing
    public void A_topic_emerges_when_it_scores_high_grows_and_has_enough_artifacts(double score, int count, double growth, bool emerges) =>
        Assert.Equal(emerges, TopicEvolutionRules.Emerges(score, count, growth, Defaults));
}
