using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Tests.Signals;

/// <summary>
/// XApiClient against the fake X server over real HTTP. Clients are built on a bare HttpClient (no
/// resilience handler) so request counts are exact, except the tests that go through AddXPostSource.
/// </summary>
public sealed class XApiClientTests : IAsyncLifetime
{
    private static readonly XQuery Outages = new("outages", "(outage OR down) api");

    private readonly List<IDisposable> _disposables = [];
    private FakeXApi _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeXApi.StartAsync();

    public async Task DisposeAsync()
    {
        _disposables.ForEach(d => d.Dispose());
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Sends_the_bearer_token_and_the_documented_parameters_and_reads_the_page()
    {
        var start = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var older = _fake.NewPost("API degraded since 09:50", start, username: "ops_anna", likes: 5, retweets: 1, replies: 2, quotes: 0);
        var newer = _fake.NewPost("Checkout service is down #outage", start.AddMinutes(5), username: "acme_status", likes: 1200, retweets: 300, replies: 80, quotes: 12);
        _fake.AddPosts(Outages.Query, older, newer);

        var page = await Client().SearchRecentAsync(Outages, sinceId: null, paginationToken: null, CancellationToken.None);

        var request = Assert.Single(_fake.SearchRequests);
        Assert.Equal("Bearer " + FakeXApi.DefaultBearerToken, request.Authorization);
        Assert.Equal(Outages.Query, request.Query["query"]);
        Assert.Equal("100", request.Query["max_results"]);
        Assert.Equal("created_at,public_metrics,author_id,lang,entities,referenced_tweets,conversation_id", request.Query["tweet.fields"]);
        Assert.Equal("author_id", request.Query["expansions"]);
        Assert.Equal("username,name", request.Query["user.fields"]);
        Assert.False(request.Query.ContainsKey("since_id"));
        Assert.False(request.Query.ContainsKey("pagination_token"));

        Assert.Equal([newer.Id, older.Id], page.Posts.Select(p => p.Id));
        Assert.Equal(newer.Id, page.NewestId);
        Assert.Equal(older.Id, page.OldestId);
        Assert.Null(page.NextToken);
        Assert.Equal(2, page.ResultCount);
        var post = page.Posts[0];
        Assert.Equal("acme_status", post.AuthorUsername);
        Assert.Equal(start.AddMinutes(5), post.CreatedAt);
        Assert.Equal((1200, 300, 80, 12), (post.LikeCount, post.RetweetCount, post.ReplyCount, post.QuoteCount));
        Assert.Equal("en", post.Lang);
        Assert.Contains("\"hashtags\"", post.RawJson);
    }

    [Fact]
    public async Task Follows_next_token_through_every_page_newest_first()
    {
        var posts = Enumerable.Range(0, 25).Select(i => _fake.NewPost($"post {i}", DateTimeOffset.UtcNow.AddMinutes(-100 + i))).ToArray();
        _fake.AddPosts(Outages.Query, posts);
        var client = Client(o => o.MaxResults = 10);

        var pages = new List<XSearchPage>();
        string? token = null;
        do
        {
            var page = await client.SearchRecentAsync(Outages, null, token, CancellationToken.None);
            pages.Add(page);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Posts.Count));
        Assert.Equal(posts.Reverse().Select(p => p.Id), pages.SelectMany(p => p.Posts).Select(p => p.Id));
        Assert.Equal(posts[^1].Id, pages[0].NewestId);
        Assert.Equal([null, pages[0].NextToken, pages[1].NextToken], _fake.SearchRequests.Select(r => r.Query.GetValueOrDefault("pagination_token")));
    }

    [Fact]
    public async Task Since_id_returns_only_newer_posts()
    {
        var posts = Enumerable.Range(0, 8).Select(i => _fake.NewPost($"post {i}", DateTimeOffset.UtcNow.AddMinutes(-60 + i))).ToArray();
        _fake.AddPosts(Outages.Query, posts);

        var page = await Client().SearchRecentAsync(Outages, sinceId: posts[4].Id, paginationToken: null, CancellationToken.None);

        Assert.Equal(posts[4].Id, _fake.SearchRequests.Single().Query["since_id"]);
        Assert.Equal(posts[5..].Reverse().Select(p => p.Id), page.Posts.Select(p => p.Id));
    }

    [Theory]
    [InlineData(500, "100")]
    [InlineData(100, "100")]
    [InlineData(37, "37")]
    [InlineData(3, "10")]
    [InlineData(0, "10")]
    public async Task Max_results_is_clamped_to_what_X_accepts(int configured, string sent)
    {
        var page = await Client(o => o.MaxResults = configured).SearchRecentAsync(Outages, null, null, CancellationToken.None);

        var request = Assert.Single(_fake.SearchRequests);
        Assert.Equal(sent, request.Query["max_results"]);
        Assert.Equal(200, request.StatusCode);
        Assert.Empty(page.Posts);
    }

    [Fact]
    public async Task A_configured_language_is_appended_as_a_lang_operator()
    {
        var english = _fake.NewPost("API is down", lang: "en");
        var german = _fake.NewPost("API ist down", lang: "de");
        _fake.AddPosts(Outages.Query, english, german);

        var page = await Client(o => o.Language = "de").SearchRecentAsync(Outages, null, null, CancellationToken.None);

        Assert.Equal(Outages.Query + " lang:de", _fake.SearchRequests.Single().Query["query"]);
        Assert.Equal(german.Id, Assert.Single(page.Posts).Id);
    }

    [Fact]
    public async Task A_query_that_names_its_language_is_sent_unchanged()
    {
        var query = new XQuery("spanish", "caída lang:es");

        await Client(o => o.Language = "en").SearchRecentAsync(query, null, null, CancellationToken.None);

        Assert.Equal("caída lang:es", _fake.SearchRequests.Single().Query["query"]);
    }

    [Fact]
    public async Task A_wrong_bearer_token_is_an_authentication_failure_after_exactly_one_request()
    {
        var ex = await Assert.ThrowsAsync<XApiException>(() =>
            Client(o => o.BearerToken = "wrong-token").SearchRecentAsync(Outages, null, null, CancellationToken.None));

        Assert.True(ex.IsAuthenticationFailure);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("401", ex.Message);
        Assert.Contains("bearer token", ex.Message);
        Assert.Single(_fake.SearchRequests);
    }

    [Fact]
    public async Task Forbidden_is_an_authentication_failure_too()
    {
        _fake.FailNext(1, 403);

        var ex = await Assert.ThrowsAsync<XApiException>(() => Client().SearchRecentAsync(Outages, null, null, CancellationToken.None));

        Assert.True(ex.IsAuthenticationFailure);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Contains("Client Forbidden", ex.Message);
    }

    [Fact]
    public async Task Rate_limited_carries_the_reset_time_from_x_rate_limit_reset()
    {
        var reset = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(12).ToUnixTimeSeconds());
        _fake.RateLimitNext(reset);

        var ex = await Assert.ThrowsAsync<XRateLimitedException>(() => Client().SearchRecentAsync(Outages, null, null, CancellationToken.None));

        Assert.Equal(reset, ex.RetryAt);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.False(ex.IsAuthenticationFailure);
        Assert.Single(_fake.SearchRequests);
    }

    [Fact]
    public async Task Rate_limited_waits_for_the_later_of_reset_and_retry_after()
    {
        _fake.RateLimitNext(DateTimeOffset.UtcNow.AddSeconds(30), retryAfter: TimeSpan.FromMinutes(10));

        var ex = await Assert.ThrowsAsync<XRateLimitedException>(() => Client().SearchRecentAsync(Outages, null, null, CancellationToken.None));

        Assert.InRange(ex.RetryAt, DateTimeOffset.UtcNow.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11));
    }

    [Fact]
    public async Task A_spent_window_is_reported_on_the_page_and_the_next_call_is_rate_limited()
    {
        _fake.RequestsPerWindow = 1;
        _fake.AddPosts(Outages.Query, _fake.NewPost("last one"));
        var client = Client();

        var page = await client.SearchRecentAsync(Outages, null, null, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<XRateLimitedException>(() => client.SearchRecentAsync(Outages, null, null, CancellationToken.None));

        Assert.Single(page.Posts);
        Assert.NotNull(page.RateLimitExhaustedUntil);
        Assert.InRange(page.RateLimitExhaustedUntil.Value, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.Equal(page.RateLimitExhaustedUntil, ex.RetryAt);
    }

    [Fact]
    public async Task Other_failures_name_the_status_and_the_body()
    {
        _fake.FailNext(1, 500);

        var ex = await Assert.ThrowsAsync<XApiException>(() => Client().SearchRecentAsync(Outages, null, null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.False(ex.IsAuthenticationFailure);
        Assert.Contains("500", ex.Message);
        Assert.Contains("fake X API scripted failure", ex.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_XApiException()
    {
        var ex = await Assert.ThrowsAsync<XApiException>(() =>
            Client(o => o.BaseUrl = "http://127.0.0.1:1").SearchRecentAsync(Outages, null, null, CancellationToken.None));

        Assert.Null(ex.StatusCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task Through_the_service_defaults_a_503_is_retried_and_then_succeeds()
    {
        _fake.AddPosts(Outages.Query, _fake.NewPost("recovered"));
        _fake.FailNext(1, 503);
        using var host = BuildWorkerHost();

        var page = await host.Services.GetRequiredService<IXPostSource>().SearchRecentAsync(Outages, null, null, CancellationToken.None);

        Assert.Equal("recovered", Assert.Single(page.Posts).Text);
        Assert.Equal([503, 200], _fake.SearchRequests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Through_the_service_defaults_a_429_is_not_retried_by_the_resilience_handler()
    {
        var reset = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds());
        _fake.RateLimitNext(reset, count: 5);
        using var host = BuildWorkerHost();

        var ex = await Assert.ThrowsAsync<XRateLimitedException>(() =>
            host.Services.GetRequiredService<IXPostSource>().SearchRecentAsync(Outages, null, null, CancellationToken.None));

        Assert.Equal(reset, ex.RetryAt);
        Assert.Single(_fake.SearchRequests);
    }

    [Fact]
    public void With_a_bearer_token_the_registered_source_is_the_X_API_client()
    {
        using var host = BuildWorkerHost();

        var source = host.Services.GetRequiredService<IXPostSource>();

        Assert.IsType<XApiClient>(source);
        Assert.Equal("x-api", source.Name);
        Assert.Equal(_fake.BaseUrl, host.Services.GetRequiredService<IOptions<XApiOptions>>().Value.BaseUrl);
    }

    /// <summary>The worker's real wiring: service defaults (standard resilience on every HttpClient) plus AddXPostSource.</summary>
    private IHost BuildWorkerHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Harvest:X:BaseUrl"] = _fake.BaseUrl,
            ["Harvest:X:BearerToken"] = FakeXApi.DefaultBearerToken,
        });
        builder.AddServiceDefaults();
        builder.AddXPostSource();
        // Keep the retry test fast; the pipeline keeps its shape (options name = client name + "-standard").
        builder.Services.Configure<HttpStandardResilienceOptions>($"{nameof(XApiClient)}-standard", o => o.Retry.Delay = TimeSpan.FromMilliseconds(20));
        return builder.Build();
    }

    private XApiClient Client(Action<XApiOptions>? configure = null)
    {
        var options = new XApiOptions { BaseUrl = _fake.BaseUrl, BearerToken = FakeXApi.DefaultBearerToken };
        configure?.Invoke(options);
        var http = new HttpClient();
        _disposables.Add(http);
        return new XApiClient(http, Options.Create(options), NullLogger<XApiClient>.Instance);
    }
}
