namespace SignalHarvester.Domain.Discovery;

/// <summary>The values of <c>topic_evolution.event_type</c>; a plain activity row has none.</summary>
public static class TopicEventTypes
{
    public const string Merge = "merge";
    public const string Split = "split";
    public const string Emergence = "emergence";

    public static IReadOnlyList<string> All { get; } = [Merge, Split, Emergence];
}
