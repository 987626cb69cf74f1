namespace SignalHarvester.Data.Caching;

/// <summary>Tags of cached API responses; a pipeline run that changes what they show evicts its tag.</summary>
public static class ResponseCacheTags
{
    public const string Discoveries = "discoveries";
    public const string Topics = "topics";

    public static IReadOnlyList<string> All { get; } = [Discoveries, Topics];
}
