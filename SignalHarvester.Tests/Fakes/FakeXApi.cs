using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SignalHarvester.Tests.Fakes;

/// <summary>
/// A real HTTP server on loopback that answers X API v2 <c>GET /2/tweets/search/recent</c> the way
/// X does: bearer check (401), parameter validation (400), newest-first pages honouring
/// <c>since_id</c>, <c>until_id</c>, <c>max_results</c> and <c>pagination_token</c>, <c>meta</c> with
/// newest/oldest id, result count and next token, <c>includes.users</c> for <c>expansions=author_id</c>,
/// only the requested <c>tweet.fields</c>, and x-rate-limit-* headers with a 15-minute window.
/// Tests add posts per query text (the query after removing a <c>lang:xx</c> operator, which filters
/// by language like X) or for every query, script failures, and assert on <see cref="Requests"/>.
/// Independent of the Worker's code on purpose: point any client or the whole stack at <see cref="BaseUrl"/>.
/// </summary>
public sealed partial class FakeXApi : IAsyncDisposable
{
    public const string DefaultBearerToken = "fake-x-bearer-token";
    public const string SearchRecentPath = "/2/tweets/search/recent";

    /// <summary>X's app-only limit for recent search: 450 requests per 15-minute window.</summary>
    public const int DefaultRequestsPerWindow = 450;

    private static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(15);
    private static readonly long TwitterEpochMilliseconds = 1288834974657;

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Dictionary<string, List<Post>> _postsByQuery = new(StringComparer.Ordinal);
    private readonly List<Post> _postsForAnyQuery = [];
    private readonly Dictionary<int, Fault> _faultsByRequestNumber = [];
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _requestCount;
    private long _lastGeneratedId;
    private DateTimeOffset _windowResetsAt;
    private int _windowUsed;

    private FakeXApi(WebApplication app, string bearerToken)
    {
        _app = app;
        BearerToken = bearerToken;
    }

    /// <summary>Like <c>http://127.0.0.1:54321</c> (no trailing slash): the value for <c>Harvest:X:BaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public Uri BaseAddress => new(BaseUrl + "/");

    /// <summary>The token a request must present as <c>Authorization: Bearer ...</c>; others get 401.</summary>
    public string BearerToken { get; set; }

    /// <summary>Requests allowed per 15-minute window before X-style 429s; lower it to test exhaustion.</summary>
    public int RequestsPerWindow { get; set; } = DefaultRequestsPerWindow;

    /// <summary>
    /// Rewrites each search answer's JSON text before it is sent: how a test serves what no serializer writes
    /// (an unpaired surrogate escape, a field of the wrong type) among otherwise well-formed posts.
    /// </summary>
    public Func<string, string>? RewriteBody { get; set; }

    /// <summary>Every request received, in arrival order, including failed ones.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> SearchRequests => [.. _requests.Where(r => r.Path == SearchRecentPath)];

    public static async Task<FakeXApi> StartAsync(string bearerToken = DefaultBearerToken, CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Create();
        var fake = new FakeXApi(app, bearerToken);
        app.MapGet(SearchRecentPath, (RequestDelegate)fake.HandleSearchAsync);
        app.MapFallback((RequestDelegate)fake.HandleUnknownAsync);
        fake.BaseUrl = await LoopbackApp.StartAsync(app, cancellationToken);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ------------------------------------------------------------------ posts

    /// <summary>
    /// A post with a fresh snowflake id that encodes <paramref name="createdAt"/> (default now) and is
    /// larger than every id this fake made before, so later posts are always "newer" for since_id.
    /// </summary>
    public Post NewPost(
        string text,
        DateTimeOffset? createdAt = null,
        string username = "fake_user",
        string? lang = "en",
        int likes = 0,
        int retweets = 0,
        int replies = 0,
        int quotes = 0)
    {
        var at = createdAt ?? DateTimeOffset.UtcNow;
        long id;
        lock (_gate)
        {
            id = Math.Max(((at.ToUnixTimeMilliseconds() - TwitterEpochMilliseconds) << 22) | 1, _lastGeneratedId + 1);
            _lastGeneratedId = id;
        }

        var idText = id.ToString(CultureInfo.InvariantCulture);
        return new Post(idText, text, at, AuthorIdFor(username), username, DisplayNameFor(username), lang, idText, likes, retweets, replies, quotes);
    }

    /// <summary>Posts answered for requests whose query (without its <c>lang:</c> operator) equals <paramref name="query"/>.</summary>
    public void AddPosts(string query, params Post[] posts)
    {
        lock (_gate)
        {
            var key = NormalizeQuery(query);
            if (!_postsByQuery.TryGetValue(key, out var list))
            {
                _postsByQuery[key] = list = [];
            }

            Upsert(list, posts);
        }
    }

    /// <summary>Posts answered for every query (handy when a test does not care which query the stack sends).</summary>
    public void AddPostsForAnyQuery(params Post[] posts)
    {
        lock (_gate)
        {
            Upsert(_postsForAnyQuery, posts);
        }
    }

    /// <summary>Replaces a post already added (same id) everywhere, e.g. to raise its engagement counts.</summary>
    public void UpdatePost(Post post)
    {
        lock (_gate)
        {
            foreach (var list in _postsByQuery.Values.Append(_postsForAnyQuery))
            {
                var index = list.FindIndex(p => p.Id == post.Id);
                if (index >= 0)
                {
                    list[index] = post;
                }
            }
        }
    }

    // ------------------------------------------------------------------ scripted failures

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="statusCode"/> (default 503) with an X-style problem body.</summary>
    public void FailNext(int count = 1, int statusCode = StatusCodes.Status503ServiceUnavailable)
    {
        lock (_gate)
        {
            for (var i = 1; i <= count; i++)
            {
                _faultsByRequestNumber[_requestCount + i] = new Fault(statusCode, null, null);
            }
        }
    }

    /// <summary>Request number <paramref name="requestNumber"/> (1-based, counting every request since start) answers <paramref name="statusCode"/>.</summary>
    public void FailRequest(int requestNumber, int statusCode)
    {
        lock (_gate)
        {
            _faultsByRequestNumber[requestNumber] = new Fault(statusCode, null, null);
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> requests answer 429 with <c>x-rate-limit-reset</c> = <paramref name="resetAt"/>
    /// (and, when given, <c>Retry-After</c> in seconds: X itself normally sends only the reset header).
    /// </summary>
    public void RateLimitNext(DateTimeOffset resetAt, int count = 1, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            for (var i = 1; i <= count; i++)
            {
                _faultsByRequestNumber[_requestCount + i] = new Fault(StatusCodes.Status429TooManyRequests, resetAt, retryAfter);
            }
        }
    }

    /// <summary>Request number <paramref name="requestNumber"/> (1-based) answers 429 with <c>x-rate-limit-reset</c> = <paramref name="resetAt"/>.</summary>
    public void RateLimitRequest(int requestNumber, DateTimeOffset resetAt, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _faultsByRequestNumber[requestNumber] = new Fault(StatusCodes.Status429TooManyRequests, resetAt, retryAfter);
        }
    }

    /// <summary>
    /// The current window allows exactly <paramref name="requests"/> more searches (the last of
    /// them answers <c>x-rate-limit-remaining: 0</c>), then 429s until <see cref="ResetWindow"/>.
    /// </summary>
    public void AllowOnly(int requests)
    {
        lock (_gate)
        {
            if (DateTimeOffset.UtcNow >= _windowResetsAt)
            {
                _windowResetsAt = DateTimeOffset.UtcNow.Add(RateLimitWindow);
                _windowUsed = 0;
            }

            RequestsPerWindow = _windowUsed + requests;
        }
    }

    /// <summary>A fresh window with X's default allowance.</summary>
    public void ResetWindow()
    {
        lock (_gate)
        {
            _windowUsed = 0;
            RequestsPerWindow = DefaultRequestsPerWindow;
        }
    }

    public void ClearRequests()
    {
        _requests.Clear();
    }

    // ------------------------------------------------------------------ handlers

    private async Task HandleSearchAsync(HttpContext context)
    {
        int number;
        Fault? fault;
        lock (_gate)
        {
            number = ++_requestCount;
            _faultsByRequestNumber.Remove(number, out fault);
        }

        await WaitWhileHeldAsync(number, context.RequestAborted);
        var fate = Chaos?.Next() ?? XChaos.Kind.Answered;
        if (fate == XChaos.Kind.Timeout)
        {
            Record(context.Request, number, 0);
            await HangUntilAbortedAsync(context);
            return;
        }

        var (status, body) = AnswerSearch(context, fault ?? StatusFault(fate));
        // Recorded before the body is sent: a client that has its answer must find its request here.
        Record(context.Request, number, status);
        var text = body.ToJsonString();
        await WriteAsync(context.Response, status, Garble(fate, RewriteBody?.Invoke(text) ?? text));
    }

    private (int Status, JsonObject Body) AnswerSearch(HttpContext context, Fault? fault)
    {
        var response = context.Response;
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {BearerToken}")
        {
            return (StatusCodes.Status401Unauthorized,
                new JsonObject { ["title"] = "Unauthorized", ["type"] = "about:blank", ["status"] = 401, ["detail"] = "Unauthorized" });
        }

        if (fault is { StatusCode: StatusCodes.Status429TooManyRequests })
        {
            return RateLimited(response, fault.ResetAt ?? DateTimeOffset.UtcNow.Add(RateLimitWindow), fault.RetryAfter);
        }

        if (fault is not null)
        {
            return (fault.StatusCode, ProblemFor(fault.StatusCode));
        }

        // X counts every authenticated request against the window, and refuses once it is spent.
        int remaining;
        DateTimeOffset resetsAt;
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (now >= _windowResetsAt)
            {
                _windowResetsAt = now.Add(RateLimitWindow);
                _windowUsed = 0;
            }

            resetsAt = _windowResetsAt;
            if (_windowUsed >= RequestsPerWindow)
            {
                remaining = -1;
            }
            else
            {
                _windowUsed++;
                remaining = RequestsPerWindow - _windowUsed;
            }
        }

        if (remaining < 0)
        {
            return RateLimited(response, resetsAt, null);
        }

        response.Headers["x-rate-limit-limit"] = RequestsPerWindow.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-rate-limit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-rate-limit-reset"] = resetsAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var (invalid, body) = Search(context.Request.Query);
        return (invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, body);
    }

    private (bool Invalid, JsonObject Body) Search(IQueryCollection query)
    {
        var problems = new List<(string Parameter, string Value, string Message)>();
        var text = query["query"].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(("query", "", "The `query` query parameter can not be empty"));
        }

        var maxResults = 10;
        if (query.TryGetValue("max_results", out var maxText)
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out maxResults) || maxResults is < 10 or > 100))
        {
            problems.Add(("max_results", maxText.ToString(), $"The `max_results` query parameter value [{maxText}] is not between 10 and 100"));
        }

        var sinceId = ReadId(query, "since_id", problems);
        var untilId = ReadId(query, "until_id", problems);
        long? before = null;
        if (query.TryGetValue("pagination_token", out var token) && !string.IsNullOrEmpty(token))
        {
            before = DecodeToken(token.ToString());
            if (before is null)
            {
                problems.Add(("pagination_token", token.ToString(), $"The `pagination_token` query parameter value [{token}] is not valid"));
            }
        }

        if (problems.Count > 0)
        {
            return (true, InvalidRequest(problems));
        }

        var (queryText, lang) = SplitLanguage(text);
        List<Post> matching;
        lock (_gate)
        {
            var own = _postsByQuery.TryGetValue(NormalizeQuery(queryText), out var list) ? list : [];
            matching = [.. own.Concat(_postsForAnyQuery)
                .DistinctBy(p => p.Id)
                .Where(p => lang is null || string.Equals(p.Lang, lang, StringComparison.OrdinalIgnoreCase))
                .Where(p => sinceId is null || long.Parse(p.Id, CultureInfo.InvariantCulture) > sinceId)
                .Where(p => untilId is null || long.Parse(p.Id, CultureInfo.InvariantCulture) < untilId)
                .Where(p => before is null || long.Parse(p.Id, CultureInfo.InvariantCulture) < before)
                .OrderByDescending(p => long.Parse(p.Id, CultureInfo.InvariantCulture))];
        }

        var page = matching.Take(maxResults).ToList();
        var meta = new JsonObject { ["result_count"] = page.Count };
        if (page.Count > 0)
        {
            meta["newest_id"] = page[0].Id;
            meta["oldest_id"] = page[^1].Id;
            if (matching.Count > page.Count)
            {
                meta["next_token"] = EncodeToken(long.Parse(page[^1].Id, CultureInfo.InvariantCulture));
            }
        }

        var body = new JsonObject();
        if (page.Count > 0)
        {
            var fields = SplitList(query["tweet.fields"]);
            body["data"] = new JsonArray([.. page.Select(p => (JsonNode)PostJson(p, fields))]);
            if (SplitList(query["expansions"]).Contains("author_id"))
            {
                body["includes"] = new JsonObject
                {
                    ["users"] = new JsonArray([.. page.Where(p => p.AuthorId is not null).DistinctBy(p => p.AuthorId).Select(p => (JsonNode)UserJson(p))]),
                };
            }
        }

        body["meta"] = meta;
        return (false, body);
    }

    private async Task HandleUnknownAsync(HttpContext context)
    {
        int number;
        lock (_gate)
        {
            number = ++_requestCount;
        }

        Record(context.Request, number, StatusCodes.Status404NotFound);
        await WriteAsync(context.Response, StatusCodes.Status404NotFound,
            new JsonObject { ["title"] = "Not Found Error", ["type"] = "about:blank", ["status"] = 404, ["detail"] = "Not Found" });
    }

    // ------------------------------------------------------------------ JSON shapes

    private static JsonObject PostJson(Post post, HashSet<string> fields)
    {
        // id, text and edit_history_tweet_ids are X's default fields; the rest only when requested.
        var json = new JsonObject
        {
            ["id"] = post.Id,
            ["text"] = post.Text,
            ["edit_history_tweet_ids"] = new JsonArray(post.Id),
        };
        if (fields.Contains("author_id") && post.AuthorId is not null)
        {
            json["author_id"] = post.AuthorId;
        }

        if (fields.Contains("created_at"))
        {
            json["created_at"] = post.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        if (fields.Contains("lang") && post.Lang is not null)
        {
            json["lang"] = post.Lang;
        }

        if (fields.Contains("conversation_id") && post.ConversationId is not null)
        {
            json["conversation_id"] = post.ConversationId;
        }

        if (fields.Contains("public_metrics"))
        {
            json["public_metrics"] = new JsonObject
            {
                ["retweet_count"] = post.Retweets,
                ["reply_count"] = post.Replies,
                ["like_count"] = post.Likes,
                ["quote_count"] = post.Quotes,
                ["bookmark_count"] = 0,
                ["impression_count"] = (post.Likes + post.Retweets + post.Replies + post.Quotes) * 40 + 25,
            };
        }

        if (fields.Contains("entities") && Entities(post.Text) is { } entities)
        {
            json["entities"] = entities;
        }

        return json;
    }

    // X always returns id, name and username for an expanded user; user.fields only adds more.
    private static JsonObject UserJson(Post post) => new()
    {
        ["id"] = post.AuthorId,
        ["name"] = post.AuthorName ?? post.AuthorUsername,
        ["username"] = post.AuthorUsername,
    };

    private static JsonObject? Entities(string text)
    {
        var hashtags = HashtagPattern().Matches(text)
            .Select(m => (JsonNode)new JsonObject { ["start"] = m.Index, ["end"] = m.Index + m.Length, ["tag"] = m.Groups[1].Value })
            .ToArray();
        var mentions = MentionPattern().Matches(text)
            .Select(m => (JsonNode)new JsonObject { ["start"] = m.Index, ["end"] = m.Index + m.Length, ["username"] = m.Groups[1].Value })
            .ToArray();
        if (hashtags.Length == 0 && mentions.Length == 0)
        {
            return null;
        }

        var entities = new JsonObject();
        if (hashtags.Length > 0)
        {
            entities["hashtags"] = new JsonArray(hashtags);
        }

        if (mentions.Length > 0)
        {
            entities["mentions"] = new JsonArray(mentions);
        }

        return entities;
    }

    private static JsonObject ProblemFor(int statusCode) => statusCode switch
    {
        StatusCodes.Status403Forbidden => new JsonObject
        {
            ["client_id"] = "12345678",
            ["detail"] = "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.",
            ["registration_url"] = "https://developer.twitter.com/en/docs/projects/overview",
            ["title"] = "Client Forbidden",
            ["required_enrollment"] = "Appropriate Level of API Access",
            ["reason"] = "client-not-enrolled",
            ["type"] = "https://api.twitter.com/2/problems/client-forbidden",
        },
        _ => new JsonObject
        {
            ["title"] = statusCode >= 500 ? "Service Unavailable" : ReasonPhrase(statusCode),
            ["detail"] = statusCode >= 500 ? "Service is temporarily unavailable (fake X API scripted failure)." : "Scripted failure.",
            ["type"] = "about:blank",
            ["status"] = statusCode,
        },
    };

    private static JsonObject InvalidRequest(List<(string Parameter, string Value, string Message)> problems) => new()
    {
        ["errors"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject
        {
            ["parameters"] = new JsonObject { [p.Parameter] = new JsonArray(p.Value) },
            ["message"] = p.Message,
        })]),
        ["title"] = "Invalid Request",
        ["detail"] = "One or more parameters to your request was invalid.",
        ["type"] = "https://api.twitter.com/2/problems/invalid-request",
    };

    private (int Status, JsonObject Body) RateLimited(HttpResponse response, DateTimeOffset resetAt, TimeSpan? retryAfter)
    {
        response.Headers["x-rate-limit-limit"] = RequestsPerWindow.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-rate-limit-remaining"] = "0";
        response.Headers["x-rate-limit-reset"] = resetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = ((long)delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return (StatusCodes.Status429TooManyRequests,
            new JsonObject { ["title"] = "Too Many Requests", ["detail"] = "Too Many Requests", ["type"] = "about:blank", ["status"] = 429 });
    }

    private void Record(HttpRequest request, int number, int statusCode) =>
        _requests.Enqueue(new RecordedRequest(
            number,
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            request.Headers.Authorization.ToString(),
            statusCode));

    private static Task WriteAsync(HttpResponse response, int statusCode, JsonObject body) =>
        WriteAsync(response, statusCode, body.ToJsonString());

    private static async Task WriteAsync(HttpResponse response, int statusCode, string body)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(body);
    }

    // ------------------------------------------------------------------ helpers

    private static void Upsert(List<Post> list, Post[] posts)
    {
        foreach (var post in posts)
        {
            if (!long.TryParse(post.Id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentException($"Post id '{post.Id}' is not a decimal 64-bit id.", nameof(posts));
            }

            list.RemoveAll(p => p.Id == post.Id);
            list.Add(post);
        }
    }

    private static long? ReadId(IQueryCollection query, string name, List<(string, string, string)> problems)
    {
        if (!query.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        problems.Add((name, value.ToString(), $"The `{name}` query parameter value [{value}] does not match ^[0-9]{{1,19}}$"));
        return null;
    }

    // Opaque to clients like X's tokens, but stateless: it encodes "older than this id".
    private static string EncodeToken(long oldestReturnedId) => "fxt" + oldestReturnedId.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>The id a pagination token of this fake means "older than", or null when it is none of its tokens.</summary>
    public static long? DecodeToken(string token) =>
        token.StartsWith("fxt", StringComparison.Ordinal)
        && long.TryParse(token.AsSpan(3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    private static (string Query, string? Lang) SplitLanguage(string query)
    {
        var match = LangOperatorPattern().Match(query);
        return match.Success ? (query.Remove(match.Index, match.Length), match.Groups[1].Value) : (query, null);
    }

    private static string NormalizeQuery(string query) => WhitespacePattern().Replace(query.Trim(), " ");

    private static HashSet<string> SplitList(string? value) =>
        new((value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);

    // Stable per username (FNV-1a, not string.GetHashCode, which differs per process), so an author keeps one id.
    private static string AuthorIdFor(string username)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in username)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (1_000_000_000UL + hash % 9_000_000_000_000_000UL).ToString(CultureInfo.InvariantCulture);
    }

    private static string DisplayNameFor(string username) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(username.Replace('_', ' '));

    private static string ReasonPhrase(int statusCode) =>
        Enum.IsDefined(typeof(HttpStatusCode), statusCode) ? ((HttpStatusCode)statusCode).ToString() : "Error";

    [GeneratedRegex(@"(?:^|\s)lang:([a-zA-Z]{2,3})\b")]
    private static partial Regex LangOperatorPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"#(\w+)")]
    private static partial Regex HashtagPattern();

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex MentionPattern();

    /// <summary>A post as the fake stores it; <see cref="NewPost"/> makes one with a fresh id.</summary>
    public sealed record Post(
        string Id,
        string Text,
        DateTimeOffset CreatedAt,
        string? AuthorId,
        string AuthorUsername,
        string? AuthorName,
        string? Lang,
        string? ConversationId,
        int Likes,
        int Retweets,
        int Replies,
        int Quotes);

    /// <summary>One request as received: its 1-based number, path, raw and parsed query, Authorization header, and the status answered.</summary>
    public sealed record RecordedRequest(
        int Number,
        string Method,
        string Path,
        string QueryString,
        IReadOnlyDictionary<string, string> Query,
        string Authorization,
        int StatusCode);

    private sealed record Fault(int StatusCode, DateTimeOffset? ResetAt, TimeSpan? RetryAfter);
}
