namespace SignalHarvester.Domain.Experiments;

/// <summary>The labels a human gives an artifact; <see cref="Relevant"/> is the positive class of a backtest.</summary>
public static class DiscoveryLabelValues
{
    public const string Relevant = "relevant";
    public const string Irrelevant = "irrelevant";

    public static IReadOnlyList<string> All { get; } = [Relevant, Irrelevant];
}
