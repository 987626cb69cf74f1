using System.Text.Json.Nodes;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.HackerNews;

/// <summary>
/// Serves <c>Samples/hackernews.json</c> (<c>topstories</c> / <c>showstories</c> / ... id arrays
/// and an <c>items</c> map) the way the Firebase API does: lists at <c>/v0/{list}.json</c>, items
/// at <c>/v0/item/{id}.json</c> (<c>null</c> when unknown), with every <c>time</c> shifted so the
/// newest item is an hour old.
/// </summary>
internal sealed class HackerNewsSampleResponder
{
    public const string FileName = "hackernews.json";

    private readonly Dictionary<string, string> lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> items = new(StringComparer.Ordinal);

    public HackerNewsSampleResponder(DateTimeOffset now)
    {
        var sample = JsonNode.Parse(EmbeddedSample.ReadText(FileName))!.AsObject();
        var itemNodes = sample["items"]!.AsObject();
        var times = itemNodes.Select(p => p.Value?["time"]?.GetValue<long>()).OfType<long>().ToList();
        var shift = (long)SampleDates.ShiftFor(DateTimeOffset.FromUnixTimeSeconds(times.Max()), now).TotalSeconds;
        foreach (var (id, item) in itemNodes)
        {
            if (item?["time"] is { } time)
            {
                item["time"] = time.GetValue<long>() + shift;
            }

            items[id] = item?.ToJsonString() ?? "null";
        }

        foreach (var (name, ids) in sample)
        {
            if (ids is JsonArray)
            {
                lists[name] = ids.ToJsonString();
            }
        }
    }

    public HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var segments = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
        return segments switch
        {
            ["v0", "item", var file] when file.EndsWith(".json", StringComparison.Ordinal) =>
                EmbeddedSampleHandler.Content(request, items.GetValueOrDefault(file[..^".json".Length], "null"), "application/json"),
            ["v0", var file] when file.EndsWith(".json", StringComparison.Ordinal) && lists.TryGetValue(file[..^".json".Length], out var list) =>
                EmbeddedSampleHandler.Content(request, list, "application/json"),
            _ => EmbeddedSampleHandler.NotFound(request),
        };
    }
}
