using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>
/// X API v2 <c>GET /2/tweets/search/recent</c> over a typed HttpClient. The request URL comes from
/// <see cref="XApiOptions.BaseUrl"/> (the HttpClient's BaseAddress is not used). Outcomes:
/// 200 → a page (with <see cref="XSearchPage.RateLimitExhaustedUntil"/> when the window is spent);
/// 401/403 → <see cref="XApiException"/> with <see cref="XApiException.IsAuthenticationFailure"/>;
/// 429 → <see cref="XRateLimitedException"/>; anything else → <see cref="XApiException"/>.
/// </summary>
public sealed class XApiClient(HttpClient httpClient, IOptions<XApiOptions> options, ILogger<XApiClient> logger, TimeProvider? timeProvider = null)
    : IXPostSource
{
    public const string SourceName = "x-api";
    public const string SearchRecentPath = "2/tweets/search/recent";
    public const string TweetFields = "created_at,public_metrics,author_id,lang,entities,referenced_tweets,conversation_id";
    public const string Expansions = "author_id";
    public const string UserFields = "username,name";

    /// <summary>X's rate-limit windows are 15 minutes; the wait when a 429 names no reset time.</summary>
    private static readonly TimeSpan DefaultRateLimitWindow = TimeSpan.FromMinutes(15);

    private readonly XApiOptions _options = options.Value;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public string Name => SourceName;

    public string Origin => DataOrigin.Live;

    public async Task<XSearchPage> SearchRecentAsync(XQuery query, string? sinceId, string? paginationToken, CancellationToken cancellationToken)
    {
        if (!_options.HasBearerToken)
        {
            throw new XApiException("Harvest:X:BearerToken is not configured; the X API cannot be called without it.", isAuthenticationFailure: true);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, BuildUri(query, sinceId, paginationToken));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BearerToken!.Trim());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        string body;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Network failures and the resilience handler's timeouts: one exception type for callers.
            throw new XApiException($"X API request for query '{query.Name}' failed: {ex.Message}", innerException: ex);
        }

        using (response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.OK => ReadPage(response, body, query),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => throw new XApiException(
                    $"X API answered {(int)response.StatusCode} {response.StatusCode} for query '{query.Name}': the bearer token (Harvest:X:BearerToken) " +
                    $"is wrong or lacks access to GET /2/tweets/search/recent. {Describe(body)}",
                    response.StatusCode,
                    isAuthenticationFailure: true),
                HttpStatusCode.TooManyRequests => throw RateLimited(response, body, query),
                _ => throw new XApiException(
                    $"X API answered {(int)response.StatusCode} {response.StatusCode} for query '{query.Name}': {Describe(body)}",
                    response.StatusCode),
            };
        }
    }

    internal Uri BuildUri(XQuery query, string? sinceId, string? paginationToken)
    {
        var url = new StringBuilder(_options.BaseUrl.TrimEnd('/')).Append('/').Append(SearchRecentPath);
        url.Append("?query=").Append(Uri.EscapeDataString(_options.ComposeQuery(query)));
        url.Append("&max_results=").Append(_options.PageSize.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(sinceId))
        {
            url.Append("&since_id=").Append(Uri.EscapeDataString(sinceId));
        }

        if (!string.IsNullOrEmpty(paginationToken))
        {
            url.Append("&pagination_token=").Append(Uri.EscapeDataString(paginationToken));
        }

        url.Append("&tweet.fields=").Append(Uri.EscapeDataString(TweetFields));
        url.Append("&expansions=").Append(Uri.EscapeDataString(Expansions));
        url.Append("&user.fields=").Append(Uri.EscapeDataString(UserFields));
        return new Uri(url.ToString(), UriKind.Absolute);
    }

    private XSearchPage ReadPage(HttpResponseMessage response, string body, XQuery query)
    {
        var page = XSearchResponseParser.Parse(body);
        if (Header(response, "x-rate-limit-remaining") is "0")
        {
            var until = ResetTime(response) ?? _time.GetUtcNow() + DefaultRateLimitWindow;
            logger.LogInformation("X API rate-limit window spent after query '{Query}'; next request allowed at {RetryAt:O}", query.Name, until);
            page = page with { RateLimitExhaustedUntil = until };
        }

        return page;
    }

    private XRateLimitedException RateLimited(HttpResponseMessage response, string body, XQuery query)
    {
        var now = _time.GetUtcNow();
        var reset = ResetTime(response);
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date,
            _ => (DateTimeOffset?)null,
        };

        // Both may be present; waiting for the later one is the only safe choice.
        var retryAt = (reset, retryAfter) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => now + DefaultRateLimitWindow,
        };
        if (retryAt < now)
        {
            retryAt = now;
        }

        return new XRateLimitedException(retryAt, $"X API rate limit reached for query '{query.Name}'; retry at {retryAt:O}. {Describe(body)}");
    }

    private static DateTimeOffset? ResetTime(HttpResponseMessage response) =>
        long.TryParse(Header(response, "x-rate-limit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var epochSeconds)
            && epochSeconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(epochSeconds)
            : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private static string Describe(string body) =>
        XSearchResponseParser.TryDescribeProblem(body) ?? (body.Length == 0 ? "(empty body)" : XSearchResponseParser.Excerpt(body));
}
