namespace SignalHarvester.Domain.Discovery;

/// <summary>A topic's trend class, from its daily growth rate.</summary>
public static class TopicTrends
{
    public const string RapidlyEmerging = "rapidly_emerging";
    public const string Emerging = "emerging";
    public const string Stable = "stable";
    public const string Declining = "declining";

    public static IReadOnlyList<string> All { get; } = [RapidlyEmerging, Emerging, Stable, Declining];

    /// <summary>rapidly_emerging above <see cref="TopicEvolutionOptions.RapidlyEmergingGrowth"/>, emerging above <see cref="TopicEvolutionOptions.EmergingGrowth"/>, declining below <see cref="TopicEvolutionOptions.DecliningGrowth"/>, else stable.</summary>
    public static string Classify(double growthRate, TopicEvolutionOptions options) =>
        growthRate > options.RapidlyEmergingGrowth ? RapidlyEmerging
        : growthRate > options.EmergingGrowth ? Emerging
        : growthRate < options.DecliningGrowth ? Declining
        : Stable;
}
