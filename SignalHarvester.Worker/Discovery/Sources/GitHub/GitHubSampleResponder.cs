using System.Globalization;
using System.Text.Json.Nodes;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.GitHub;

/// <summary>
/// Serves <c>Samples/github-search.json</c> for every repository search and
/// <c>Samples/github-releases.json</c> ("owner/repo" → releases) for release lists, one page
/// each, with every <c>*_at</c> timestamp shifted so the newest is an hour old. The search
/// sample answers every query (the source de-duplicates repositories).
/// </summary>
internal sealed class GitHubSampleResponder
{
    public const string SearchFileName = "github-search.json";
    public const string ReleasesFileName = "github-releases.json";

    private readonly string search;
    private readonly Dictionary<string, string> releasesByRepository;

    public GitHubSampleResponder(DateTimeOffset now)
    {
        var searchNode = JsonNode.Parse(EmbeddedSample.ReadText(SearchFileName))!;
        var releasesNode = JsonNode.Parse(EmbeddedSample.ReadText(ReleasesFileName))!.AsObject();
        var newest = Timestamps(searchNode).Concat(Timestamps(releasesNode)).Max(t => t.At);
        var shift = SampleDates.ShiftFor(newest, now);
        foreach (var (value, at) in Timestamps(searchNode).Concat(Timestamps(releasesNode)).ToList())
        {
            value.ReplaceWith((at + shift).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        search = searchNode.ToJsonString();
        releasesByRepository = releasesNode.ToDictionary(p => p.Key, p => p.Value!.ToJsonString(), StringComparer.OrdinalIgnoreCase);
    }

    public HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var segments = request.RequestUri!.AbsolutePath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        return segments switch
        {
            ["search", "repositories"] => EmbeddedSampleHandler.Content(request, search, "application/json"),
            // A repository without releases answers an empty list, as GitHub does.
            ["repos", var owner, var repo, "releases"] => EmbeddedSampleHandler.Content(request, releasesByRepository.GetValueOrDefault($"{owner}/{repo}", "[]"), "application/json"),
            _ => EmbeddedSampleHandler.NotFound(request),
        };
    }

    /// <summary>Every string property named <c>*_at</c> that holds a date, anywhere in the document.</summary>
    private static IEnumerable<(JsonValue Value, DateTimeOffset At)> Timestamps(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (name.EndsWith("_at", StringComparison.Ordinal) && child is JsonValue value && value.TryGetValue<string>(out var text)
                        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    {
                        yield return (value, at);
                    }
                    else
                    {
                        foreach (var nested in Timestamps(child))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var nested in Timestamps(item))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }
}
