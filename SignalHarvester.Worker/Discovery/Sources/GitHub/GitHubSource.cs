using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.GitHub;

/// <summary>
/// Repositories (by topic and organization, via the search API) and their releases from the
/// GitHub REST API v3. Follows <c>Link: rel="next"</c> up to <see cref="GitHubSourceOptions.MaxPages"/>,
/// and when the rate limit runs out it logs and ends the run with what it has instead of failing.
/// </summary>
public sealed class GitHubSource(
    HttpClient httpClient,
    IOptions<GitHubSourceOptions> options,
    ILogger<GitHubSource> logger,
    SkippedItems skipped) : IDiscoverySource
{
    public const string ApiVersion = "2022-11-28";

    public string Name => SourceNames.GitHub;

    /// <summary>
    /// Repositories pushed since <paramref name="since"/> with at least <see cref="GitHubSourceOptions.MinStars"/>
    /// stars (published at their creation, see <see cref="GitHubArtifacts.Repository"/>), then releases
    /// published since <paramref name="since"/> of the configured and found repositories.
    /// </summary>
    public async IAsyncEnumerable<SourceArtifact> FetchAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var run = new Run(httpClient, new Uri(settings.BaseUrl!), settings, logger, skipped);

        var repositories = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var qualifier in settings.Topics.Select(t => $"topic:{t}").Concat(settings.Organizations.Select(o => $"org:{o}")))
        {
            var next = run.SearchUri(qualifier, since);
            for (var page = 0; next is not null && page < settings.MaxPages; page++)
            {
                if (await run.GetAsync(next, cancellationToken) is not { } response)
                {
                    yield break;
                }

                var result = response.Body.Deserialize<GitHubSearchResult>(DiscoveryJson.SnakeCase)
                    ?? throw new InvalidDataException("GitHub search answered null.");
                foreach (var item in result.Items)
                {
                    // GitHub filters stars and push date server-side; checked again so the embedded sample honours them too.
                    if (run.Read<GitHubRepository>(item) is not { } repository
                        || repository.StargazersCount < settings.MinStars || repository.PushedAt < since || !seen.Add(repository.FullName))
                    {
                        continue;
                    }

                    repositories.Add(repository.FullName);
                    if (GitHubArtifacts.Repository(repository, item.GetRawText()) is { } artifact)
                    {
                        yield return artifact;
                    }
                }

                next = response.Next;
            }
        }

        var releaseCount = 0;
        if (!settings.IncludeReleases)
        {
            logger.LogInformation("GitHub: {Repositories} repositories pushed since {Since:O} from {BaseUrl}", repositories.Count, since, settings.BaseUrl);
            yield break;
        }

        var releaseTargets = settings.Repositories.Concat(repositories).Distinct(StringComparer.OrdinalIgnoreCase).Take(settings.MaxReleaseRepositories);
        foreach (var repository in releaseTargets)
        {
            var next = run.ReleasesUri(repository);
            for (var page = 0; next is not null && page < settings.MaxPages; page++)
            {
                if (await run.GetAsync(next, cancellationToken, unavailableIsEmpty: true) is not { } response)
                {
                    yield break;
                }

                var olderSeen = false;
                foreach (var item in response.Body.EnumerateArray())
                {
                    if (run.Read<GitHubRelease>(item) is not { } release
                        || GitHubArtifacts.Release(repository, release, item.GetRawText()) is not { } artifact)
                    {
                        continue;
                    }

                    if (artifact.PublishedAt < since)
                    {
                        olderSeen = true;
                        continue;
                    }

                    releaseCount++;
                    yield return artifact;
                }

                // Releases come newest first: once one predates the window, later pages are older still.
                next = olderSeen ? null : response.Next;
            }
        }

        logger.LogInformation("GitHub: {Repositories} repositories pushed and {Releases} releases published since {Since:O} from {BaseUrl}", repositories.Count, releaseCount, since, settings.BaseUrl);
    }

    /// <summary>One fetch: where requests go, and whether the rate limit has run out.</summary>
    private sealed class Run(HttpClient client, Uri baseUri, GitHubSourceOptions settings, ILogger logger, SkippedItems skipped)
    {
        private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement.Clone();

        private readonly string root = baseUri.AbsoluteUri.TrimEnd('/');
        private bool rateLimitExhausted;

        public Uri SearchUri(string qualifier, DateTimeOffset since)
        {
            List<string> terms = [qualifier, $"stars:>={settings.MinStars}"];
            if (since > DateTimeOffset.MinValue)
            {
                terms.Add($"pushed:>={since.UtcDateTime:yyyy-MM-dd}");
            }

            var q = string.Join('+', terms.Select(Uri.EscapeDataString));
            return new Uri(string.Create(CultureInfo.InvariantCulture, $"{root}/search/repositories?q={q}&sort=stars&order=desc&per_page={settings.PageSize}"));
        }

        public Uri ReleasesUri(string fullName)
        {
            var path = string.Join('/', fullName.Split('/', 2).Select(Uri.EscapeDataString));
            return new Uri(string.Create(CultureInfo.InvariantCulture, $"{root}/repos/{path}/releases?per_page={settings.PageSize}"));
        }

        /// <summary>
        /// The page, or null once the rate limit is exhausted (logged; the run then stops). With
        /// <paramref name="unavailableIsEmpty"/>, a repository that is gone or blocked reads as an empty page.
        /// </summary>
        public async Task<GitHubPage?> GetAsync(Uri uri, CancellationToken cancellationToken, bool unavailableIsEmpty = false)
        {
            if (rateLimitExhausted)
            {
                return null;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
            request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
            request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
            if (!string.IsNullOrWhiteSpace(settings.Token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token.Trim());
            }

            using var response = await client.SendAsync(request, cancellationToken);
            var remaining = GitHubResponseHeaders.RateLimitRemaining(response.Headers);
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests
                && (remaining == 0 || response.Headers.RetryAfter is not null))
            {
                StopForRateLimit(response.Headers, uri);
                return null;
            }

            if (unavailableIsEmpty && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Gone or HttpStatusCode.UnavailableForLegalReasons)
            {
                logger.LogInformation("GitHub: {Path} answered {Status} (renamed, removed or blocked); skipped", uri.AbsolutePath, (int)response.StatusCode);
                return new GitHubPage(EmptyArray, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"GitHub {uri.AbsolutePath} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (remaining == 0)
            {
                // This answer still counts; the next request would be refused.
                StopForRateLimit(response.Headers, uri);
            }

            return new GitHubPage(body, SameHostOrNull(GitHubResponseHeaders.NextLink(response.Headers)));
        }

        /// <summary>Pagination links are followed only on the configured host, so the token never goes elsewhere.</summary>
        private Uri? SameHostOrNull(Uri? next)
        {
            if (next is null || string.Equals(next.GetLeftPart(UriPartial.Authority), baseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                return next;
            }

            logger.LogWarning("GitHub: not following a next link to another host: {Uri}", next.GetLeftPart(UriPartial.Path));
            return null;
        }

        /// <summary>One item of a page, or null (skipped with the reason and counted) when it is too large or lacks a field the source needs.</summary>
        public T? Read<T>(JsonElement item) where T : class =>
            skipped.ReadJson<T>(
                SourceNames.GitHub, item, item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var value) ? value.ToString() : null);

        private void StopForRateLimit(HttpResponseHeaders headers, Uri uri)
        {
            rateLimitExhausted = true;
            var reset = GitHubResponseHeaders.RateLimitReset(headers);
            logger.LogWarning(
                "GitHub rate limit exhausted at {Path} (resets at {Reset:O}, retry-after {RetryAfter}); stopping this run early. {Hint}",
                uri.AbsolutePath,
                reset,
                headers.RetryAfter?.Delta,
                string.IsNullOrWhiteSpace(settings.Token) ? "Configure Discovery:Sources:GitHub:Token for a higher limit." : "");
        }

    }

    private sealed record GitHubPage(JsonElement Body, Uri? Next);
}
