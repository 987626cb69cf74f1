using SignalHarvester.Core.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class DiscoveryScorerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly DiscoveryScorer _defaults = new(new DiscoveryScoringOptions());

    // Six words, five distinct: richness 5/6. No technical terms or hype words.
    private const string PlainTitle = "notes on a method a day";
    private const double Richness = 5.0 / 6;

    private static DiscoveryScoreInput Input(
        string source = "arxiv",
        double ageHours = 0,
        string title = PlainTitle,
        string? text = null,
        float[]? embedding = null,
        float[]? centroid = null,
        int last7 = 0,
        int previous7 = 0,
        int otherSources = 0,
        bool expert = false) =>
        new(source, Now.AddHours(-ageHours), title, text, embedding, centroid, TopicArtifactCount: centroid is null ? 0 : 5,
            last7, previous7, otherSources, expert);

    private static double Round(double value) => Math.Round(value, 3);

    private static double Growth(int last7, int previous7) =>
        Math.Clamp((last7 - previous7) / (double)Math.Max(previous7, 1) / 2 + 0.5 * Math.Min(1, last7 / 10.0), 0, 1);

    [Fact]
    public void Applies_the_formula_with_the_default_weights()
    {
        // Cosine 3/5 between the embedding and the centroid: distance 0.4.
        var input = Input(ageHours: 24, embedding: [1f, 0f], centroid: [3f, 4f], last7: 6, previous7: 2, otherSources: 1);
        var novelty = 100 * (0.7 * (1 - 0.6) + 0.3 * Richness);
        var emergence = 100 * (0.5 * Math.Exp(-24.0 / 72) + 0.5 * Growth(6, 2));
        var obscurity = 80.0;
        var recency = Math.Exp(-24.0 / 336);
        var expected = (0.35 * novelty + 0.30 * emergence + 0.20 * obscurity + 5) * recency;

        var result = _defaults.Score(input, Now);

        Assert.Equal(Round(novelty), result.Novelty);
        Assert.Equal(Round(emergence), result.Emergence);
        Assert.Equal(obscurity, result.Obscurity);
        Assert.Equal(5, result.CrossSourceBonus);
        Assert.Equal(0, result.ExpertBonus);
        Assert.Equal(Round(recency), result.RecencyFactor);
        Assert.Equal(Round(expected), result.Score);
        Assert.Equal(1.0, Growth(6, 2)); // (6-2)/2/2 + 0.5*0.6 = 1.3, clamped: a guard on the test itself
    }

    [Fact]
    public void Without_a_centroid_a_new_topic_is_maximally_novel()
    {
        var result = _defaults.Score(Input(embedding: [1f, 0f]), Now);

        Assert.Equal(Round(100 * (0.7 + 0.3 * Richness)), result.Novelty);
        Assert.Equal(result.Novelty, _defaults.Score(Input(embedding: [1f, 0f], centroid: []), Now).Novelty);
    }

    [Fact]
    public void Closer_to_the_centroid_means_less_novel()
    {
        float[] centroid = [1f, 0f, 0f];
        var onCentroid = _defaults.Score(Input(embedding: [1f, 0f, 0f], centroid: centroid), Now).Novelty;
        var near = _defaults.Score(Input(embedding: [0.9f, 0.3f, 0f], centroid: centroid), Now).Novelty;
        var orthogonal = _defaults.Score(Input(embedding: [0f, 1f, 0f], centroid: centroid), Now).Novelty;
        var opposite = _defaults.Score(Input(embedding: [-1f, 0f, 0f], centroid: centroid), Now).Novelty;

        Assert.Equal(Round(100 * (0.7 * 0 + 0.3 * Richness)), onCentroid); // distance 0: richness only
        Assert.True(onCentroid < near && near < orthogonal);
        Assert.Equal(Round(100 * (0.7 + 0.3 * Richness)), orthogonal);
        Assert.Equal(orthogonal, opposite); // distance clamped at 1
        Assert.Equal(Round(100 * (0.7 * 0.5 + 0.3 * Richness)), _defaults.Score(Input(centroid: centroid), Now).Novelty); // no embedding
    }

    [Fact]
    public void Lexical_richness_is_the_distinct_word_ratio()
    {
        Assert.Equal(Richness, DiscoveryScorer.LexicalRichness(PlainTitle));
        Assert.Equal(2.0 / 6, DiscoveryScorer.LexicalRichness("Spam spam SPAM, eggs eggs EGGS"));
        Assert.Equal(1, DiscoveryScorer.LexicalRichness("All different words"));
        Assert.Equal(0, DiscoveryScorer.LexicalRichness("   "));
        // Title and text both count.
        var result = _defaults.Score(Input(title: "spam", text: "spam"), Now);
        Assert.Equal(Round(100 * (0.7 + 0.3 * 0.5)), result.Novelty);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(5, 5)]
    [InlineData(2, 8)]
    [InlineData(20, 4)]
    public void Emergence_combines_freshness_and_topic_growth(int last7, int previous7)
    {
        var result = _defaults.Score(Input(ageHours: 36, last7: last7, previous7: previous7), Now);

        Assert.Equal(Round(100 * (0.5 * Math.Exp(-36.0 / 72) + 0.5 * Growth(last7, previous7))), result.Emergence);
    }

    [Fact]
    public void Growth_rises_with_recent_activity_and_falls_with_earlier_activity()
    {
        Assert.True(DiscoveryScorer.Growth(4, 2) > DiscoveryScorer.Growth(3, 2));
        Assert.True(DiscoveryScorer.Growth(4, 2) > DiscoveryScorer.Growth(4, 3));
        Assert.Equal(0, DiscoveryScorer.Growth(0, 10));
        Assert.Equal(1, DiscoveryScorer.Growth(30, 0));
        Assert.Equal(DiscoveryScorer.Growth(0, 0), DiscoveryScorer.Growth(-3, -1));
    }

    [Theory]
    [InlineData("arxiv", 80)]
    [InlineData("github", 60)]
    [InlineData("hackernews", 50)]
    [InlineData("x", 20)]
    [InlineData("X", 20)]
    [InlineData("mastodon", 50)]
    public void Obscurity_starts_from_the_source_prior(string source, double prior)
    {
        Assert.Equal(prior, _defaults.Score(Input(source: source), Now).Obscurity);
    }

    [Fact]
    public void Technical_terms_raise_and_hype_words_lower_obscurity_within_their_caps()
    {
        Assert.Equal(60 + 5 * 2, _defaults.Score(Input(source: "github", title: "A theorem on gradient flows"), Now).Obscurity);
        Assert.Equal(60 + 5 * 4, _defaults.Score(Input(source: "github",
            title: "Theorems, lemma and proof of convergence for stochastic gradient methods"), Now).Obscurity);
        Assert.Equal(50 - 10 * 1, _defaults.Score(Input(source: "hackernews", title: "This revolutionary tool"), Now).Obscurity);
        Assert.Equal(50 - 10 * 3, _defaults.Score(Input(source: "hackernews",
            title: "Revolutionary, insane, game-changer magic: the next big thing"), Now).Obscurity);
        Assert.Equal(0, _defaults.Score(Input(source: "x", title: "Revolutionary insane magic AGI"), Now).Obscurity); // 20 - 30 clamps
    }

    [Fact]
    public void Configured_word_lists_replace_the_defaults()
    {
        var scorer = new DiscoveryScorer(new DiscoveryScoringOptions { HypeWords = ["notes"], TechnicalTerms = ["method"] });

        Assert.Equal(80 + 5 - 10, scorer.Score(Input(), Now).Obscurity);
        Assert.Equal(80, scorer.Score(Input(title: "revolutionary theorem"), Now).Obscurity);
    }

    [Fact]
    public void Bonuses_are_capped_and_added_before_decay()
    {
        var plain = _defaults.Score(Input(), Now);
        var boosted = _defaults.Score(Input(otherSources: 7, expert: true), Now);

        Assert.Equal(15, boosted.CrossSourceBonus);
        Assert.Equal(10, boosted.ExpertBonus);
        Assert.Equal(Round(plain.Score + 25), boosted.Score, 2);
    }

    [Fact]
    public void Scores_decay_with_age_and_the_time_constant_is_configurable()
    {
        var fresh = _defaults.Score(Input(), Now);
        var old = _defaults.Score(Input(ageHours: 336), Now);
        var raw = 0.35 * (100 * (0.7 * 1 + 0.3 * Richness)) + 0.30 * (100 * (0.5 * Math.Exp(-336.0 / 72) + 0.5 * Growth(0, 0))) + 0.20 * 80.0;

        Assert.Equal(1, fresh.RecencyFactor);
        Assert.Equal(Round(Math.Exp(-1)), old.RecencyFactor);
        Assert.Equal(Round(raw * Math.Exp(-1)), old.Score);

        var slow = new DiscoveryScorer(new DiscoveryScoringOptions { RecencyTimeConstantHours = 672 }).Score(Input(ageHours: 336), Now);
        Assert.Equal(Round(Math.Exp(-0.5)), slow.RecencyFactor);
        Assert.True(slow.Score > old.Score);
    }

    [Fact]
    public void A_future_date_counts_as_brand_new()
    {
        Assert.Equal(_defaults.Score(Input(), Now), _defaults.Score(Input(ageHours: -48), Now));
    }

    [Fact]
    public void The_score_is_clamped_to_0_100()
    {
        var generous = new DiscoveryScorer(new DiscoveryScoringOptions { NoveltyWeight = 1, EmergenceWeight = 1, ObscurityWeight = 1, ExpertBonus = 50 });
        Assert.Equal(100, generous.Score(Input(expert: true), Now).Score);

        var negative = new DiscoveryScorer(new DiscoveryScoringOptions { NoveltyWeight = 0, EmergenceWeight = 0, ObscurityWeight = 0, ExpertBonus = -20 });
        Assert.Equal(0, negative.Score(Input(expert: true), Now).Score);
    }

    [Fact]
    public void Weights_change_the_score()
    {
        var input = Input(ageHours: 10, embedding: [1f, 0f], centroid: [1f, 0f], last7: 3);
        var defaults = _defaults.Score(input, Now);
        var noveltyOnly = new DiscoveryScorer(new DiscoveryScoringOptions { NoveltyWeight = 1, EmergenceWeight = 0, ObscurityWeight = 0 }).Score(input, Now);

        Assert.NotEqual(defaults.Score, noveltyOnly.Score);
        Assert.Equal(Round(100 * (0.7 * 0 + 0.3 * Richness) * Math.Exp(-10.0 / 336)), noveltyOnly.Score);
        Assert.Equal(defaults.Novelty, noveltyOnly.Novelty); // components do not depend on the weights
    }

    [Fact]
    public void The_same_input_always_gives_the_same_score()
    {
        var input = Input(ageHours: 5, title: "Topological qubits with Majorana modes", embedding: [0.2f, 0.9f], centroid: [0.7f, 0.7f], last7: 4, previous7: 1);

        Assert.Equal(_defaults.Score(input, Now), new DiscoveryScorer(new DiscoveryScoringOptions()).Score(input, Now));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DiscoveryScorer(new DiscoveryScoringOptions { RecencyTimeConstantHours = 0 }));
        Assert.Throws<ArgumentException>(() => new DiscoveryScorer(new DiscoveryScoringOptions { NoveltyWeight = -1 }));
    }

    [Fact]
    public void The_config_version_identifies_the_configuration()
    {
        var version = new DiscoveryScorer(new DiscoveryScoringOptions()).ConfigVersion;

        Assert.Matches("^v1-[0-9a-f]{16}$", version);
        Assert.Equal(version, _defaults.ConfigVersion);
        Assert.NotEqual(version, new DiscoveryScorer(new DiscoveryScoringOptions { NoveltyWeight = 0.4 }).ConfigVersion);
        Assert.NotEqual(version, new DiscoveryScorer(new DiscoveryScoringOptions { HypeWords = ["hype"] }).ConfigVersion);
    }
}
