using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.HackerNews;

/// <summary>
/// Stories from the Hacker News Firebase API: the configured lists (interleaved, so every list is
/// represented within <see cref="HackerNewsSourceOptions.MaxItems"/>), then one request per item
/// with bounded parallelism.
/// </summary>
public sealed class HackerNewsSource(
    HttpClient httpClient,
    IOptions<HackerNewsSourceOptions> options,
    ILogger<HackerNewsSource> logger,
    SkippedItems skipped) : IDiscoverySource
{
    /// <summary>The story lists the API serves (<c>/v0/{name}stories.json</c>), by the name used in <see cref="HackerNewsSourceOptions.Lists"/>.</summary>
    public static readonly IReadOnlySet<string> KnownLists = new HashSet<string>(["top", "new", "best", "show", "ask"], StringComparer.OrdinalIgnoreCase);

    public string Name => SourceNames.HackerNews;

    /// <summary>Live stories posted since <paramref name="since"/>, in list order.</summary>
    public async IAsyncEnumerable<SourceArtifact> FetchAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var root = new Uri(settings.BaseUrl!).AbsoluteUri.TrimEnd('/');

        var lists = new List<long[]>();
        foreach (var list in settings.Lists)
        {
            lists.Add(await GetJsonAsync<long[]>(httpClient, new Uri($"{root}/v0/{list.Trim().ToLowerInvariant()}stories.json"), cancellationToken) ?? []);
        }

        var ids = Interleave(lists).Distinct().Take(settings.MaxItems).ToList();
        var fetched = new ConcurrentDictionary<long, (HackerNewsItem? Item, string Raw)>();
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelism, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                var raw = await GetJsonAsync<JsonElement>(httpClient, new Uri(string.Create(CultureInfo.InvariantCulture, $"{root}/v0/item/{id}.json")), token);
                fetched[id] = raw.ValueKind == JsonValueKind.Object ? (Read(id, raw), raw.GetRawText()) : (null, "null");
            });

        var yielded = 0;
        foreach (var id in ids)
        {
            if (fetched[id].Item?.ToArtifact(fetched[id].Raw) is { } story && story.PublishedAt >= since)
            {
                yielded++;
                yield return story;
            }
        }

        logger.LogInformation("Hacker News: {Count} stories since {Since:O} out of {Items} items from {BaseUrl}", yielded, since, ids.Count, settings.BaseUrl);
    }

    /// <summary>The item, or null when it is too large or does not read as an item (skipped with the reason; the others go on).</summary>
    private HackerNewsItem? Read(long id, JsonElement raw) =>
        skipped.ReadJson<HackerNewsItem>(Name, raw, id.ToString(CultureInfo.InvariantCulture));

    /// <summary>First of each list, then second of each, ...: top stories alone would crowd out the others.</summary>
    private static IEnumerable<long> Interleave(IReadOnlyList<long[]> lists)
    {
        var longest = lists.Count == 0 ? 0 : lists.Max(l => l.Length);
        for (var i = 0; i < longest; i++)
        {
            foreach (var list in lists)
            {
                if (i < list.Length)
                {
                    yield return list[i];
                }
            }
        }
    }

    private static async Task<T?> GetJsonAsync<T>(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Hacker News {uri.AbsolutePath} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
    }
}
