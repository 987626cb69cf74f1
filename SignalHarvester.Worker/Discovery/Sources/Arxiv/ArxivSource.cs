using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.Arxiv;

/// <summary>
/// New papers from the arXiv export API (Atom), newest submissions first, paged with
/// <c>start</c> / <c>max_results</c> until entries fall before the window, at most one request
/// per <see cref="ArxivSourceOptions.MinRequestInterval"/> per host.
/// </summary>
public sealed class ArxivSource(
    HttpClient httpClient,
    IOptions<ArxivSourceOptions> options,
    ILogger<ArxivSource> logger,
    TimeProvider timeProvider,
    RequestPacer pacer,
    SkippedItems skipped) : IDiscoverySource
{
    public string Name => SourceNames.Arxiv;

    /// <summary>
    /// Papers first submitted (v1 <c>published</c>) since the later of <paramref name="since"/>
    /// and <see cref="ArxivSourceOptions.WindowHours"/> ago; revised versions keep their original
    /// date, so a revision does not resurface a paper.
    /// </summary>
    public async IAsyncEnumerable<SourceArtifact> FetchAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var windowStart = now - TimeSpan.FromHours(settings.WindowHours);
        var cutoff = since > windowStart ? since : windowStart;

        var baseUri = new Uri(settings.BaseUrl!);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pages = 0;
        var reachedCutoff = false;
        var exhausted = false;
        while (pages < settings.MaxPages && !reachedCutoff && !exhausted)
        {
            var start = pages * settings.PageSize;
            await pacer.WaitTurnAsync(baseUri, settings.MinRequestInterval, cancellationToken);
            var page = await GetPageAsync(httpClient, QueryUri(baseUri, settings, start), cancellationToken);
            pages++;
            if (page.Skipped.Count > 0)
            {
                logger.LogWarning("arXiv: skipped {Skipped} entries on the page at {Start}", page.Skipped.Count, start);
                foreach (var (id, kind, reason) in page.Skipped)
                {
                    skipped.Skip(Name, kind, id, reason);
                }
            }

            foreach (var paper in page.Papers)
            {
                if (paper.PublishedAt < cutoff)
                {
                    // Sorted by submission date: everything after this is older still.
                    reachedCutoff = true;
                    continue;
                }

                if (seen.Add(paper.SourceId))
                {
                    yield return paper;
                }
            }

            exhausted = page.EntryCount == 0 || start + page.EntryCount >= page.TotalResults;
        }

        if (!reachedCutoff && !exhausted)
        {
            logger.LogInformation("arXiv: stopped after MaxPages={MaxPages} before reaching {Cutoff:O}; later runs continue from newer papers", settings.MaxPages, cutoff);
        }

        logger.LogInformation("arXiv: {Count} papers since {Cutoff:O} in {Pages} page(s) from {BaseUrl}", seen.Count, cutoff, pages, settings.BaseUrl);
    }

    private static Uri QueryUri(Uri baseUri, ArxivSourceOptions settings, int start)
    {
        // arXiv documents '+' as the separator inside search_query; category names need no escaping beyond that.
        var searchQuery = string.Join("+OR+", settings.Categories.Select(c => "cat:" + Uri.EscapeDataString(c.Trim())));
        return new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{baseUri.AbsoluteUri.TrimEnd('/')}/api/query?search_query={searchQuery}&sortBy=submittedDate&sortOrder=descending&start={start}&max_results={settings.PageSize}"));
    }

    private static async Task<ArxivFeedPage> GetPageAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"arXiv query {uri.PathAndQuery} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var feed = await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken);
        return ArxivFeedParser.Parse(feed);
    }
}
