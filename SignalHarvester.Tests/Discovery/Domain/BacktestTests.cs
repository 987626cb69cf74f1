using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Domain.Experiments;

namespace SignalHarvester.Tests.Discovery.Domain;

public sealed class BacktestTests
{
    [Fact]
    public void Metrics_follow_from_the_confusion_matrix()
    {
        // Scores 90..0; threshold 50 predicts the first five relevant.
        bool[] relevant = [true, true, false, true, false, true, false, false, true, false];
        var samples = relevant.Select((r, i) => new BacktestSample(i + 1, 90 - 10 * i, r)).ToList();

        var result = Backtest.Evaluate(samples, 50, [1, 3, 20]);

        Assert.Equal((3, 2, 3, 2), (result.TruePositives, result.FalsePositives, result.TrueNegatives, result.FalseNegatives));
        Assert.Equal(3.0 / 5, result.Precision);
        Assert.Equal(3.0 / 5, result.Recall);
        Assert.Equal(2 * (3.0 / 5) * (3.0 / 5) / (3.0 / 5 + 3.0 / 5), result.F1!.Value, 12);
        Assert.Equal(6.0 / 10, result.Accuracy);
        Assert.Equal(1.0, result.PrecisionAtK[1]);
        Assert.Equal(2.0 / 3, result.PrecisionAtK[3]);
        Assert.Equal(5.0 / 10, result.PrecisionAtK[20]); // fewer labelled than k: among all of them
    }

    [Fact]
    public void Undefined_ratios_are_null_not_zero_and_ties_rank_by_artifact_id()
    {
        var samples = new[] { new BacktestSample(2, 10, true), new BacktestSample(1, 10, false) };

        var result = Backtest.Evaluate(samples, 50, [1]);

        Assert.Null(result.Precision); // nothing predicted relevant
        Assert.Equal(0, result.Recall);
        Assert.Null(result.F1);
        Assert.Equal(0.0, result.PrecisionAtK[1]); // artifact 1 ranks first on the tie
        Assert.Throws<ArgumentException>(() => Backtest.Evaluate([], 50, [1]));
    }

    [Fact]
    public void Ndcg_at_k_matches_a_hand_computed_ranking()
    {
        // Ranked best first: relevant, irrelevant, relevant, relevant, irrelevant (3 relevant in all).
        bool[] relevant = [true, false, true, true, false];
        var samples = relevant.Select((r, i) => new BacktestSample(i + 1, 90 - 10 * i, r)).ToList();

        var ndcg = Backtest.Evaluate(samples, 50, [1, 3, 5, 10]).NdcgAtK;

        // Gains 1/log2(rank + 1): rank 1 → 1, rank 2 → 0.6309298, rank 3 → 0.5, rank 4 → 0.4306766.
        // @1: DCG 1 / IDCG 1 = 1.
        Assert.Equal(1.0, ndcg[1]!.Value, 9);
        // @3: DCG 1 + 0 + 0.5 = 1.5; IDCG (three relevant first) 1 + 0.6309298 + 0.5 = 2.1309298; 1.5 / 2.1309298 = 0.7039181.
        Assert.Equal(0.7039181, ndcg[3]!.Value, 7);
        // @5: DCG 1.5 + 0.4306766 = 1.9306766; IDCG still 2.1309298 (only three relevant); 0.9060254.
        Assert.Equal(0.9060254, ndcg[5]!.Value, 7);
        // @10 beyond the five labelled: the same sums as @5.
        Assert.Equal(0.9060254, ndcg[10]!.Value, 7);

        // Nothing labelled relevant: no ideal gain to divide by, so undefined (null), not 0.
        var none = Backtest.Evaluate([new BacktestSample(1, 90, false), new BacktestSample(2, 80, false)], 50, [2]);
        Assert.Null(none.NdcgAtK[2]);
        // A tie ranks artifact 1 (irrelevant) first: DCG 0 + 0.6309298, IDCG 1 → 0.6309298.
        var tie = Backtest.Evaluate([new BacktestSample(2, 10, true), new BacktestSample(1, 10, false)], 50, [2]);
        Assert.Equal(0.6309298, tie.NdcgAtK[2]!.Value, 7);
    }

    [Fact]
    public void Rescoring_with_the_scorers_weights_reproduces_the_stored_score()
    {
        var options = new DiscoveryScoringOptions();
        var published = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var now = published.AddHours(30);
        var input = new DiscoveryScoreInput("arxiv", published, "Sparse variational inference", "A convergence proof for sparse transformers.",
            null, null, 0, 4, 1, 1, true);
        var parts = new DiscoveryScorer(options).Score(input, now);
        var stored = new ArtifactScore
        {
            Novelty = parts.Novelty, Emergence = parts.Emergence, Obscurity = parts.Obscurity, CrossSourceBonus = parts.CrossSourceBonus,
            ExpertBonus = parts.ExpertBonus, RecencyFactor = parts.RecencyFactor, DiscoveryScore = parts.Score, ComputedAt = now,
        };
        var config = new ExperimentConfig(options.NoveltyWeight, options.EmergenceWeight, options.ObscurityWeight, options.RecencyTimeConstantHours, 50, [5]);

        // Equal up to the 3-decimal rounding of the stored parts.
        Assert.Equal(parts.Score, config.Rescore(stored.Components(), stored.ComputedAt, published), 2);
        var heavierNovelty = config with { NoveltyWeight = options.NoveltyWeight + 0.1 };
        Assert.Equal(0.1 * parts.Novelty * Math.Exp(-30 / options.RecencyTimeConstantHours),
            heavierNovelty.Rescore(stored.Components(), stored.ComputedAt, published) - config.Rescore(stored.Components(), stored.ComputedAt, published), 9);
    }

    [Fact]
    public void Explain_gives_the_parts_compute_weights()
    {
        var options = new EntityResolutionOptions();
        var a = new EntityProfile("Ada Lovelace", "person", "Analytical Society", "maths.example.org", []);
        var b = new EntityProfile("Lovelace, A.", "person", "Analytical Society", null, []);

        var breakdown = EntitySimilarity.Explain(a, b, options);

        Assert.Equal((EntitySimilarity.Compatible, EntitySimilarity.Exact, (double?)null, (double?)null),
            (breakdown.Name, breakdown.Affiliation, breakdown.Domain, breakdown.Accounts));
        Assert.Equal(EntitySimilarity.Compute(a, b, options), breakdown.Total);
        Assert.Equal((0.5 * 0.8 + 0.3 * 1.0) / 0.8, breakdown.Total, 12);
        Assert.Equal(EntitySimilarityBreakdown.Unrelated, EntitySimilarity.Explain(a, b with { Type = "org" }, options));
    }
}
