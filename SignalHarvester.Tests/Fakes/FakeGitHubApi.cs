using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SignalHarvester.Tests.Fakes;

/// <summary>
/// The GitHub REST API v3 on loopback: <c>GET /search/repositories</c> (q with <c>topic:</c>,
/// <c>org:</c>/<c>user:</c>, <c>stars:&gt;=</c>, <c>pushed:&gt;=</c>; sorted by stars) and
/// <c>GET /repos/{owner}/{repo}/releases</c>, both paged by <c>per_page</c> / <c>page</c> with
/// <c>Link</c> headers, every answer carrying <c>x-ratelimit-*</c> headers. A finite
/// <see cref="RateLimitRemaining"/> budget runs out into 403 answers as GitHub's does.
/// Point a source or the whole stack at <see cref="BaseUrl"/> (<c>Discovery__Sources__GitHub__BaseUrl</c>).
/// </summary>
public sealed class FakeGitHubApi : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Lock gate = new();
    private readonly List<Repository> repositories = [];
    private readonly Dictionary<string, List<Release>> releases = new(StringComparer.OrdinalIgnoreCase);
    private int? rateLimitRemaining;

    private FakeGitHubApi(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public sealed record Repository(string FullName, int Stars, DateTimeOffset CreatedAt, DateTimeOffset PushedAt)
    {
        public string? Description { get; init; }
        public IReadOnlyList<string> Topics { get; init; } = [];
        public string? Language { get; init; } = "Python";
        public string OwnerType { get; init; } = "Organization";
    }

    public sealed record Release(string TagName, DateTimeOffset? PublishedAt)
    {
        public string? Name { get; init; }
        public string? Body { get; init; }
        public bool Draft { get; init; }
        public bool Prerelease { get; init; }
        public DateTimeOffset? CreatedAt { get; init; }
        public string Author { get; init; } = "release-bot";
    }

    public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt);

    /// <summary>http://127.0.0.1:port/ (a root URL: pass <c>BaseUrl.ToString()</c> as configuration).</summary>
    public Uri BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Holds requests while closed.</summary>
    public RequestGate Gate { get; } = new();

    /// <summary>When set, every request answers this status (e.g. 500, 502).</summary>
    public int? FailureStatus { get; set; }

    /// <summary>Requests left before answers become 403 with <c>x-ratelimit-remaining: 0</c>; null is unlimited.</summary>
    public int? RateLimitRemaining
    {
        get { lock (gate) { return rateLimitRemaining; } }
        set { lock (gate) { rateLimitRemaining = value; } }
    }

    public int RateLimitLimit { get; set; } = 60;

    public DateTimeOffset RateLimitReset { get; set; } = DateTimeOffset.UtcNow.AddHours(1);

    public static async Task<FakeGitHubApi> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Create();

        FakeGitHubApi? fake = null;
        app.Use(async (context, next) =>
        {
            fake!.Record(context.Request);
            await fake.Gate.PassAsync(context.RequestAborted);
            if (fake.FailureStatus is { } status)
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(new { message = "fake GitHub failure" });
                return;
            }

            if (!fake.SpendRateLimit(context.Response))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new
                {
                    message = "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)",
                    documentation_url = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
                });
                return;
            }

            await next(context);
        });
        app.MapGet("/search/repositories", (HttpContext context) => fake!.Search(context));
        app.MapGet("/repos/{owner}/{repo}/releases", (HttpContext context, string owner, string repo) => fake!.Releases(context, $"{owner}/{repo}"));

        var address = await LoopbackApp.StartAsync(app, cancellationToken);
        fake = new FakeGitHubApi(app, new Uri(address));
        return fake;
    }

    public void Add(params IEnumerable<Repository> repos)
    {
        lock (gate)
        {
            repositories.AddRange(repos);
        }
    }

    public void AddReleases(string fullName, params IEnumerable<Release> list)
    {
        lock (gate)
        {
            if (!releases.TryGetValue(fullName, out var existing))
            {
                releases[fullName] = existing = [];
            }

            existing.AddRange(list);
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private void Record(HttpRequest request) => requests.Enqueue(new RecordedRequest(
        request.Path.Value ?? "",
        request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        DateTimeOffset.UtcNow));

    /// <summary>Counts the request against the budget and sets the headers; false when the budget was already spent.</summary>
    private bool SpendRateLimit(HttpResponse response)
    {
        int remaining;
        bool allowed;
        lock (gate)
        {
            allowed = rateLimitRemaining is null or > 0;
            if (rateLimitRemaining is > 0)
            {
                rateLimitRemaining--;
            }

            remaining = rateLimitRemaining ?? 4999;
        }

        response.Headers["x-ratelimit-limit"] = (rateLimitRemaining is null ? 5000 : RateLimitLimit).ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset"] = RateLimitReset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-used"] = Math.Max(0, RateLimitLimit - remaining).ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-resource"] = response.HttpContext.Request.Path.StartsWithSegments("/search") ? "search" : "core";
        return allowed;
    }

    private IResult Search(HttpContext context)
    {
        var terms = context.Request.Query["q"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<Repository> matching;
        lock (gate)
        {
            matching = [.. repositories];
        }

        foreach (var term in terms)
        {
            var (qualifier, value) = term.Split(':', 2) is [var q, var v] ? (q, v) : ("", term);
            matching = qualifier switch
            {
                "topic" => matching.Where(r => r.Topics.Contains(value, StringComparer.OrdinalIgnoreCase)),
                "org" or "user" => matching.Where(r => r.FullName.StartsWith(value + "/", StringComparison.OrdinalIgnoreCase)),
                "stars" when value.StartsWith(">=", StringComparison.Ordinal) => matching.Where(r => r.Stars >= int.Parse(value[2..], CultureInfo.InvariantCulture)),
                "pushed" when value.StartsWith(">=", StringComparison.Ordinal) => matching.Where(r => r.PushedAt.UtcDateTime.Date >= DateTime.Parse(value[2..], CultureInfo.InvariantCulture)),
                _ => matching,
            };
        }

        var ordered = matching.OrderByDescending(r => r.Stars).ToList();
        var page = Page(context, ordered.Count, 30);
        return Results.Json(new
        {
            total_count = ordered.Count,
            incomplete_results = false,
            items = ordered.Skip(page.Skip).Take(page.Take).Select(ToJson),
        });
    }

    private IResult Releases(HttpContext context, string fullName)
    {
        List<Release>? list;
        bool known;
        lock (gate)
        {
            known = repositories.Any(r => string.Equals(r.FullName, fullName, StringComparison.OrdinalIgnoreCase));
            list = releases.TryGetValue(fullName, out var found) ? [.. found] : null;
        }

        if (list is null && !known)
        {
            return Results.Json(new { message = "Not Found", documentation_url = "https://docs.github.com/rest/releases/releases#list-releases" }, statusCode: StatusCodes.Status404NotFound);
        }

        var ordered = (list ?? []).OrderByDescending(r => r.CreatedAt ?? r.PublishedAt ?? DateTimeOffset.MaxValue).ToList();
        var page = Page(context, ordered.Count, 30);
        return Results.Json(ordered.Skip(page.Skip).Take(page.Take).Select(r => ToJson(fullName, r)));
    }

    /// <summary>Reads per_page / page and writes the Link header (next, last, prev, first) as GitHub does.</summary>
    private (int Skip, int Take) Page(HttpContext context, int total, int defaultPerPage)
    {
        var query = context.Request.Query;
        var perPage = Math.Clamp(int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var pp) ? pp : defaultPerPage, 1, 100);
        var page = Math.Max(1, int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1);
        var last = Math.Max(1, (total + perPage - 1) / perPage);

        string Link(int number, string rel)
        {
            var parameters = query.Where(q => q.Key != "page").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").Append($"page={number}");
            return $"<{BaseUrl}{context.Request.Path.Value?.TrimStart('/')}?{string.Join('&', parameters)}>; rel=\"{rel}\"";
        }

        List<string> links = [];
        if (page < last)
        {
            links.Add(Link(page + 1, "next"));
            links.Add(Link(last, "last"));
        }

        if (page > 1)
        {
            links.Add(Link(page - 1, "prev"));
            links.Add(Link(1, "first"));
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }

        return ((page - 1) * perPage, perPage);
    }

    private JsonElement ToJson(Repository repo)
    {
        var owner = repo.FullName.Split('/')[0];
        return JsonSerializer.SerializeToElement(new
        {
            Id = Math.Abs(repo.FullName.GetHashCode(StringComparison.Ordinal)),
            Name = repo.FullName.Split('/')[1],
            repo.FullName,
            Private = false,
            Owner = User(owner, repo.OwnerType),
            HtmlUrl = $"https://github.com/{repo.FullName}",
            repo.Description,
            Fork = false,
            Url = $"{BaseUrl}repos/{repo.FullName}",
            CreatedAt = repo.CreatedAt.UtcDateTime,
            UpdatedAt = repo.PushedAt.UtcDateTime,
            PushedAt = repo.PushedAt.UtcDateTime,
            StargazersCount = repo.Stars,
            WatchersCount = repo.Stars,
            repo.Language,
            ForksCount = repo.Stars / 10,
            repo.Topics,
            Visibility = "public",
            DefaultBranch = "main",
            Score = 1.0,
        }, Json);
    }

    private static JsonElement ToJson(string fullName, Release release) => JsonSerializer.SerializeToElement(new
    {
        Url = $"https://api.github.com/repos/{fullName}/releases/1",
        HtmlUrl = $"https://github.com/{fullName}/releases/tag/{release.TagName}",
        Id = Math.Abs((fullName + release.TagName).GetHashCode(StringComparison.Ordinal)),
        Author = User(release.Author, "User"),
        release.TagName,
        TargetCommitish = "main",
        release.Name,
        release.Draft,
        release.Prerelease,
        CreatedAt = (release.CreatedAt ?? release.PublishedAt ?? DateTimeOffset.UtcNow).UtcDateTime,
        PublishedAt = release.PublishedAt?.UtcDateTime,
        release.Body,
    }, Json);

    private static object User(string login, string type) => new
    {
        login,
        id = Math.Abs(login.GetHashCode(StringComparison.Ordinal)),
        html_url = $"https://github.com/{login}",
        type,
        site_admin = false,
    };
}
