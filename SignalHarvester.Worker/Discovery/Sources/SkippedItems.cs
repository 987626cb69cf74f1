using System.Diagnostics.Metrics;
using System.Text.Json;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// Items a discovery source could not use (a field of the wrong type, an item over <see cref="Worker.Sources.UpstreamLimits"/>):
/// each is logged with its reason and counted as <c>signalharvester_discovery_items_skipped_total{source, kind}</c>; the rest of the
/// page and the run go on.
/// </summary>
public sealed partial class SkippedItems(IMeterFactory meterFactory, ILogger<SkippedItems> logger)
{
    /// <summary>The item does not read as the source's shape (a wrong type, a number out of range).</summary>
    public const string Unreadable = "unreadable";

    /// <summary>The item is larger than any real one.</summary>
    public const string Oversized = "oversized";

    private readonly Counter<long> skipped = meterFactory.Create(DiscoveryMetrics.Name)
        .CreateCounter<long>("signalharvester.discovery.items_skipped", description: "Discovery source items skipped (unreadable, oversized), by source and kind");

    /// <summary>
    /// One JSON item of a page as <typeparamref name="T"/>, or null when it is larger than any real one or does not
    /// read as one (skipped with the reason and counted; the caller goes on with the others).
    /// </summary>
    public T? ReadJson<T>(string source, JsonElement item, string? id) where T : class
    {
        var length = item.GetRawText().Length;
        if (length > UpstreamLimits.MaxItemChars)
        {
            Skip(source, Oversized, id, $"a {typeof(T).Name} of {length} characters of JSON, more than {UpstreamLimits.MaxItemChars}");
            return null;
        }

        try
        {
            return item.Deserialize<T>(DiscoveryJson.SnakeCase);
        }
        catch (JsonException exception)
        {
            Skip(source, Unreadable, id, $"a {typeof(T).Name} that does not parse: {exception.Message}");
            return null;
        }
    }

    public void Skip(string source, string kind, string? id, string reason)
    {
        skipped.Add(1, new("source", source), new("kind", kind));
        LogSkipped(source, id ?? "(no id)", kind, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: skipped item {Id} ({Kind}): {Reason}")]
    private partial void LogSkipped(string source, string id, string kind, string reason);
}
