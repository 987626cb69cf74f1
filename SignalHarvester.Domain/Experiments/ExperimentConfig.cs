using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Domain.Experiments;

/// <summary>
/// A scoring configuration to backtest: the discovery weights, the recency time constant
/// (the original called it the half-life: the score is multiplied by <c>exp(−ageHours / τ)</c>),
/// the score from which an artifact is predicted relevant, and the cut-offs of precision@k.
/// </summary>
public sealed record ExperimentConfig(
    double NoveltyWeight,
    double EmergenceWeight,
    double ObscurityWeight,
    double RecencyTimeConstantHours,
    double Threshold,
    IReadOnlyList<int> K)
{
    /// <summary>
    /// The artifact's score under this configuration, from its stored components: the weighted
    /// components and bonuses times <c>exp(−age / τ)</c>, where age is how old the artifact was when
    /// it was scored (<paramref name="computedAt"/>, the moment its components describe).
    /// </summary>
    public double Rescore(DiscoveryScoreComponents stored, DateTimeOffset computedAt, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var ageHours = Math.Max(0, (computedAt - publishedAt).TotalHours);
        var weights = new DiscoveryScoringOptions { NoveltyWeight = NoveltyWeight, EmergenceWeight = EmergenceWeight, ObscurityWeight = ObscurityWeight };
        return DiscoveryScorer.Combine(weights, stored.Novelty, stored.Emergence, stored.Obscurity,
            stored.CrossSourceBonus + stored.ExpertBonus, Math.Exp(-ageHours / RecencyTimeConstantHours));
    }
}
