namespace SignalHarvester.Domain.Discovery;

/// <summary>Thresholds of topic evolution; bound from <c>Discovery:Topics</c>.</summary>
public sealed class TopicEvolutionOptions
{
    public const string SectionName = "Discovery:Topics";

    /// <summary>Topic pairs whose centroids are more similar than this are stored in <c>topic_similarity</c>.</summary>
    public double SimilarityThreshold { get; set; } = 0.5;

    /// <summary>Days of daily artifact counts behind a topic's growth rate and period row.</summary>
    public int WindowDays { get; set; } = 14;

    /// <summary>Growth per day above which a topic is <c>rapidly_emerging</c> (0.05 = 5 %/day).</summary>
    public double RapidlyEmergingGrowth { get; set; } = 0.05;

    /// <summary>Growth per day above which a topic is <c>emerging</c>.</summary>
    public double EmergingGrowth { get; set; } = 0.01;

    /// <summary>Growth per day below which a topic is <c>declining</c>; in between it is <c>stable</c>.</summary>
    public double DecliningGrowth { get; set; } = -0.01;

    /// <summary>Two topics merge when their similarity rises to at least this from below it.</summary>
    public double MergeSimilarity { get; set; } = 0.85;

    /// <summary>Merged-similar topics split when their similarity falls below this (hysteresis, so pairs near the merge line do not flap).</summary>
    public double SplitSimilarity { get; set; } = 0.70;

    /// <summary>A topic emerges when its emergence score reaches this (0..100) while growing…</summary>
    public double EmergenceEventScore { get; set; } = 70;

    /// <summary>…with at least this many artifacts in the window.</summary>
    public int MinEventArtifacts { get; set; } = 3;

    /// <summary>The same event (type, topic, other topic) is not recorded again within this many days.</summary>
    public int EventCooldownDays { get; set; } = 7;

    /// <summary>A description of what is wrong, or null when the settings are usable.</summary>
    public static string? Validate(TopicEvolutionOptions options) =>
        options.SimilarityThreshold is < -1 or > 1 ? "SimilarityThreshold must be between -1 and 1."
        : options.WindowDays is < 2 or > 365 ? "WindowDays must be between 2 and 365."
        : !(options.RapidlyEmergingGrowth > options.EmergingGrowth && options.EmergingGrowth >= options.DecliningGrowth)
            ? "Growth thresholds must satisfy RapidlyEmergingGrowth > EmergingGrowth >= DecliningGrowth."
        : !(options.MergeSimilarity > options.SplitSimilarity) ? "MergeSimilarity must be above SplitSimilarity."
        // A pair missing from topic_similarity is taken to be below the split line.
        : !(options.SimilarityThreshold < options.SplitSimilarity) ? "SimilarityThreshold must be below SplitSimilarity."
        : options.EmergenceEventScore is < 0 or > 100 ? "EmergenceEventScore must be between 0 and 100."
        : options.MinEventArtifacts < 1 ? "MinEventArtifacts must be at least 1."
        : options.EventCooldownDays < 0 ? "EventCooldownDays must not be negative."
        : null;
}
