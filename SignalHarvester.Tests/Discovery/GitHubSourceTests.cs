using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Discovery.Sources.GitHub;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Tests.Discovery;

public sealed class GitHubSourceTests : IAsyncLifetime
{
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;
    private FakeGitHubApi github = null!;

    public async Task InitializeAsync() => github = await FakeGitHubApi.StartAsync();

    public async Task DisposeAsync() => await github.DisposeAsync();

    private GitHubSourceOptions Options(params List<string> topics) => new()
    {
        BaseUrl = github.BaseUrl.ToString(),
        Topics = topics.Count == 0 ? ["llm"] : topics,
        MinStars = 50,
        PageSize = 50,
        MaxPages = 5,
        IncludeReleases = false,
    };

    private FakeGitHubApi.Repository Repo(string fullName, int stars = 100, double pushedHoursAgo = 1, params string[] topics) =>
        new(fullName, stars, now.AddDays(-30), now.AddHours(-pushedHoursAgo)) { Topics = topics.Length == 0 ? ["llm"] : topics, Description = $"About {fullName}" };

    [Fact]
    public async Task Reads_repositories_published_at_creation_with_the_owner_as_author()
    {
        var created = new DateTimeOffset(2025, 10, 1, 12, 0, 0, TimeSpan.Zero);
        github.Add(new FakeGitHubApi.Repository("halcyon-ai/sparse-mixer", 4820, created, now.AddHours(-2)) { Topics = ["llm"], Description = "MoE layers  for\nPyTorch" });

        var repo = Assert.Single(await TestSources.GitHub(Options()).FetchAllAsync(now.AddDays(-1)));

        Assert.Equal(SourceNames.GitHub, repo.Source);
        Assert.Equal(ArtifactTypes.Repo, repo.ArtifactType);
        Assert.Equal("halcyon-ai/sparse-mixer", repo.SourceId);
        Assert.Equal("halcyon-ai/sparse-mixer", repo.Title);
        Assert.Equal("MoE layers for PyTorch", repo.Text);
        Assert.Equal("https://github.com/halcyon-ai/sparse-mixer", repo.Url);
        Assert.Equal(created, repo.PublishedAt);
        Assert.Equal(new SourceAuthor("halcyon-ai", Handle: "halcyon-ai", Url: "https://github.com/halcyon-ai"), Assert.Single(repo.Authors));
        using var raw = JsonDocument.Parse(repo.RawJson);
        Assert.Equal(4820, raw.RootElement.GetProperty("stargazers_count").GetInt32());
    }

    [Fact]
    public async Task A_repository_without_description_has_no_text()
    {
        github.Add(Repo("solo/kv-evict") with { Description = null, Language = null });

        var repo = Assert.Single(await TestSources.GitHub(Options()).FetchAllAsync(now.AddDays(-1)));

        Assert.Null(repo.Text);
    }

    [Fact]
    public async Task Searches_by_topic_and_organization_with_stars_and_push_date_sorted_by_stars()
    {
        var options = Options("machine-learning");
        options.Organizations = ["kestrel-quantum"];
        options.MinStars = 75;
        var since = new DateTimeOffset(2025, 11, 18, 15, 0, 0, TimeSpan.Zero);

        await TestSources.GitHub(options).FetchAllAsync(since);

        Assert.Equal(["topic:machine-learning stars:>=75 pushed:>=2025-11-18", "org:kestrel-quantum stars:>=75 pushed:>=2025-11-18"], github.Requests.Select(r => r.Query["q"]));
        Assert.All(github.Requests, r =>
        {
            Assert.Equal("/search/repositories", r.Path);
            Assert.Equal("stars", r.Query["sort"]);
            Assert.Equal("desc", r.Query["order"]);
            Assert.Equal("50", r.Query["per_page"]);
        });
    }

    [Fact]
    public async Task Follows_link_next_pages()
    {
        github.Add(Enumerable.Range(1, 7).Select(i => Repo($"org/repo-{i}", stars: 100 + i)));
        var options = Options();
        options.PageSize = 3;

        var repos = await TestSources.GitHub(options).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(7, repos.Count);
        Assert.Equal(["1", "2", "3"], github.Requests.Select(r => r.Query.GetValueOrDefault("page", "1")));
    }

    [Fact]
    public async Task Stops_following_links_at_max_pages()
    {
        github.Add(Enumerable.Range(1, 7).Select(i => Repo($"org/repo-{i}", stars: 100 + i)));
        var options = Options();
        options.PageSize = 3;
        options.MaxPages = 2;

        var repos = await TestSources.GitHub(options).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(6, repos.Count);
        Assert.Equal(2, github.Requests.Count);
    }

    [Fact]
    public async Task A_repository_found_under_two_topics_is_yielded_once()
    {
        github.Add(Repo("org/both", topics: ["llm", "quantum-computing"]));

        var repos = await TestSources.GitHub(Options("llm", "quantum-computing")).FetchAllAsync(now.AddDays(-1));

        Assert.Equal(["org/both"], repos.Select(r => r.SourceId));
    }

    [Fact]
    public async Task Reads_releases_of_found_and_configured_repositories_skipping_drafts_and_old_ones()
    {
        github.Add(Repo("halcyon-ai/fluxserve"));
        github.AddReleases("halcyon-ai/fluxserve",
            new FakeGitHubApi.Release("v1.4.0", now.AddHours(-2)) { Name = "Learned draft trees", Body = "Speculative decoding.\n", Author = "sbenali" },
            new FakeGitHubApi.Release("v1.4.0-rc.1", now.AddHours(-20)) { Name = "v1.4.0-rc.1", Prerelease = true },
            new FakeGitHubApi.Release("v1.5.0", null) { Draft = true, CreatedAt = now.AddHours(-1) },
            new FakeGitHubApi.Release("v1.3.0", now.AddDays(-40)));
        github.AddReleases("other/configured", new FakeGitHubApi.Release("v2.0.0", now.AddHours(-3)));
        var options = Options();
        options.IncludeReleases = true;
        options.Repositories = ["other/configured", "gone/missing"];

        var artifacts = await TestSources.GitHub(options).FetchAllAsync(now.AddDays(-1));

        var releases = artifacts.Where(a => a.ArtifactType == ArtifactTypes.Release).ToList();
        Assert.Equal(["other/configured@v2.0.0", "halcyon-ai/fluxserve@v1.4.0", "halcyon-ai/fluxserve@v1.4.0-rc.1"], releases.Select(r => r.SourceId));
        var release = releases[1];
        Assert.Equal("halcyon-ai/fluxserve v1.4.0: Learned draft trees", release.Title);
        Assert.Equal("halcyon-ai/fluxserve v1.4.0-rc.1", releases[2].Title);
        Assert.Equal("Speculative decoding.", release.Text);
        Assert.Equal("https://github.com/halcyon-ai/fluxserve/releases/tag/v1.4.0", release.Url);
        Assert.Equal("sbenali", Assert.Single(release.Authors).Handle);
        Assert.Contains(github.Requests, r => r.Path == "/repos/gone/missing/releases");
        Assert.Contains(github.Requests, r => r.Path == "/repos/halcyon-ai/fluxserve/releases" && r.Query["per_page"] == "50");
    }

    [Fact]
    public async Task Sends_the_api_headers_and_no_authorization_without_a_token()
    {
        github.Add(Repo("org/one"));

        await TestSources.GitHub(Options()).FetchAllAsync(now.AddDays(-1));

        var request = Assert.Single(github.Requests);
        Assert.Equal("application/vnd.github+json", request.Headers["Accept"]);
        Assert.Equal("2022-11-28", request.Headers["X-GitHub-Api-Version"]);
        Assert.StartsWith("SignalHarvester/", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Sends_a_bearer_token_when_one_is_configured()
    {
        var options = Options();
        options.Token = "ghp_exampletoken";

        await TestSources.GitHub(options).FetchAllAsync(now.AddDays(-1));

        Assert.Equal("Bearer ghp_exampletoken", Assert.Single(github.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task An_exhausted_rate_limit_ends_the_run_politely_with_what_was_found()
    {
        github.Add(Enumerable.Range(1, 6).Select(i => Repo($"org/repo-{i}", stars: 100 + i)));
        github.RateLimitRemaining = 2;
        github.RateLimitReset = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var options = Options();
        options.PageSize = 2;
        options.IncludeReleases = true;
        var logger = new ListLogger<GitHubSource>();

        var repos = await TestSources.GitHub(options, logger).FetchAllAsync(now.AddDays(-1));

        // The second answer reported 0 remaining: no third request is made.
        Assert.Equal(4, repos.Count);
        Assert.Equal(2, github.Requests.Count);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("rate limit exhausted", StringComparison.Ordinal) && e.Message.Contains("2030-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_403_rate_limit_answer_ends_the_run_without_throwing()
    {
        github.Add(Repo("org/one"));
        github.RateLimitRemaining = 0;
        var logger = new ListLogger<GitHubSource>();

        var repos = await TestSources.GitHub(Options("llm", "quantum-computing"), logger).FetchAllAsync(now.AddDays(-1));

        Assert.Empty(repos);
        Assert.Single(github.Requests);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("rate limit exhausted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_api_throws()
    {
        github.FailureStatus = 500;

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => TestSources.GitHub(Options()).FetchAllAsync(now.AddDays(-1)));

        Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
    }
}
