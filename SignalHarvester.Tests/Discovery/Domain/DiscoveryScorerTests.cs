using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class DiscoveryScorerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly DiscoveryScorer _defaults = new(Weights());

    // The weights the hand-computed expectations use, set here rather than read from the defaults.
    private static DiscoveryScoringOptions Weights() => new()
    {
        NoveltyWeight = 0.35,
        EmergenceWeight = 0.30,
        ObscurityWeight = 0.20,
        RecencyTimeConstantHours = 336,
        EmergenceTimeConstantHours = 72,
        SourcePriors = { Arxiv = 80, GitHub = 60, HackerNews = 50, X = 20, Other = 50 },
        CrossSourceBonusPerSource = 5,
        MaxCrossSourceBonus = 15,
        ExpertBonus = 10,
    };

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

    [Fact]
    public void Matches_a_hand_computed_score()
    {
        // Worked by hand with the weights set here (exp from a table, 8 digits):
        // novelty   100·(0.7·distance + 0.3·richness); cosine of [1,0] and [3,4] is 3/5, distance 0.4:
        //           100·(0.28 + 0.3·5/6) = 53.0
        // emergence 100·(0.5·e^(-24/72) + 0.5·growth); e^(-1/3) = 0.71653131; growth of 6 after 2 is
        //           (6-2)/2/2 + 0.5·6/10 = 1.3, capped at 1: 100·(0.35826566 + 0.5) = 85.826566
        // obscurity the arXiv prior 80; cross-source bonus 5 for one other source
        // recency   e^(-24/336) = 0.93106278
        // score     (0.35·53 + 0.30·85.826566 + 0.20·80 + 5)·0.93106278 = 65.2979697·0.93106278 = 60.796509
        var scorer = new DiscoveryScorer(Weights());
        var input = Input(ageHours: 24, embedding: [1f, 0f], centroid: [3f, 4f], last7: 6, previous7: 2, otherSources: 1);

        var result = scorer.Score(input, Now);

        Assert.Equal(53.0, result.Novelty);
        Assert.Equal(85.827, result.Emergence);
        Assert.Equal(80, result.Obscurity);
        Assert.Equal(5, result.CrossSourceBonus);
        Assert.Equal(0, result.ExpertBonus);
        Assert.Equal(0.931, result.RecencyFactor);
        Assert.Equal(60.797, result.Score);
    }

    [Fact]
    public void Without_a_centroid_a_new_topic_is_maximally_novel()
    {
        var result = _defaults.Score(Input(embedding: [1f, 0f]), Now);

        Assert.Equal(95, result.Novelty); // 100·(0.7·1 + 0.3·5/6)
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

        Assert.Equal(25, onCentroid); // distance 0: richness only, 100·0.3·5/6
        Assert.True(onCentroid < near && near < orthogonal);
        Assert.Equal(95, orthogonal);
        Assert.Equal(orthogonal, opposite); // distance clamped at 1
        Assert.Equal(60, _defaults.Score(Input(centroid: centroid), Now).Novelty); // no embedding: distance 0.5, 100·(0.35 + 0.25)
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
        Assert.Equal(85, result.Novelty); // 100·(0.7 + 0.3·1/2)
    }

    // Emergence at 36 h: 100·(0.5·e^(-36/72) + 0.5·growth), e^(-0.5) = 0.60653066 (30.326533 from freshness);
    // growth = (last7 - previous7)/max(previous7, 1)/2 + 0.5·min(1, last7/10), within [0, 1].
    [Theory]
    [InlineData(0, 0, 30.327)] // growth 0
    [InlineData(3, 0, 80.327)] // 3/1/2 + 0.15 = 1.65, capped at 1
    [InlineData(5, 5, 42.827)] // 0 + 0.25
    [InlineData(4, 4, 40.327)] // 0 + 0.2
    [InlineData(6, 4, 57.827)] // 2/4/2 + 0.3 = 0.55
    [InlineData(2, 8, 30.327)] // -6/8/2 + 0.1 = -0.275, floored at 0
    [InlineData(20, 4, 80.327)] // 16/4/2 + 0.5 = 2.5, capped at 1
    public void Emergence_combines_freshness_and_topic_growth(int last7, int previous7, double expected)
    {
        var result = new DiscoveryScorer(Weights()).Score(Input(ageHours: 36, last7: last7, previous7: previous7), Now);

        Assert.Equal(expected, result.Emergence);
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
        Assert.Equal(plain.Score + 25, boosted.Score, 2);
    }

    [Fact]
    public void Scores_decay_with_age_and_the_time_constant_is_configurable()
    {
        var fresh = _defaults.Score(Input(), Now);
        var old = _defaults.Score(Input(ageHours: 336), Now);

        // One time constant (336 h): recency e^-1 = 0.36787944. Novelty 100·(0.7 + 0.3·5/6) = 95;
        // emergence 100·0.5·e^(-336/72) = 0.47017813 (no growth); obscurity 80:
        // (0.35·95 + 0.30·0.47017813 + 0.20·80)·0.36787944 = 49.3910534·0.36787944 = 18.169953
        Assert.Equal(1, fresh.RecencyFactor);
        Assert.Equal(0.368, old.RecencyFactor);
        Assert.Equal(18.17, old.Score);

        var slow = new DiscoveryScorer(new DiscoveryScoringOptions { RecencyTimeConstantHours = 672 }).Score(Input(ageHours: 336), Now);
        Assert.Equal(0.607, slow.RecencyFactor); // e^(-336/672) = 0.60653066
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
        // on the centroid: 100·0.3·5/6 = 25, · e^(-10/336) = 0.97066862 → 24.266715
        Assert.Equal(24.267, noveltyOnly.Score);
        Assert.Equal(defaults.Novelty, noveltyOnly.Novelty); // components do not depend on the weights
    }

    [Fact]
    public void The_same_input_always_gives_the_same_score()
    {
        var input = Input(ageHours: 5, title: "Topological qubits with Majorana modes", embedding: [0.2f, 0.9f], centroid: [0.7f, 0.7f], last7: 4, previous7: 1);

        Assert.Equal(_defaults.Score(input, Now), new DiscoveryScorer(Weights()).Score(input, Now));
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
        var version = new DiscoveryScorer(Weights()).ConfigVersion;

        Assert.Matches("^v1-[0-9a-f]{16}$", version);
        Assert.Equal(version, _defaults.ConfigVersion);
        Assert.NotEqual(version, new DiscoveryScorer(new DiscoveryScoringOptions { NoveltyWeight = 0.4 }).ConfigVersion);
        Assert.NotEqual(version, new DiscoveryScorer(new DiscoveryScoringOptions { HypeWords = ["hype"] }).ConfigVersion);
    }
}
