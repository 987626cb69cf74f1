namespace SignalHarvester.Data.Caching;

/// <summary>Tags of cached API responses; a write (pipeline run, API change) that changes what they show evicts its tag.</summary>
public static class ResponseCacheTags
{
    public const string Discoveries = "discoveries";
    public const string Topics = "topics";
    public const string Signals = "signals";

    public static IReadOnlyList<string> All { get; } = [Discoveries, Topics, Signals];
}
