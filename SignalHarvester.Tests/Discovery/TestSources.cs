using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Discovery.Sources;

namespace SignalHarvester.Tests.Discovery;

/// <summary>
/// Sources on a plain HttpClient: no resilience handler, so every request the code makes is one
/// request the fake sees (no retries) and failures surface at once.
/// </summary>
public static class TestSources
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static ArxivSource Arxiv(ArxivSourceOptions options, ILogger<ArxivSource>? logger = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        return new(Http, Options.Create(options), logger ?? NullLogger<ArxivSource>.Instance, time, new RequestPacer(time));
    }

    public static GitHubSource GitHub(GitHubSourceOptions options, ILogger<GitHubSource>? logger = null, TimeProvider? time = null) =>
        new(Http, Options.Create(options), logger ?? NullLogger<GitHubSource>.Instance, time ?? TimeProvider.System);

    public static HackerNewsSource HackerNews(HackerNewsSourceOptions options, ILogger<HackerNewsSource>? logger = null, TimeProvider? time = null) =>
        new(Http, Options.Create(options), logger ?? NullLogger<HackerNewsSource>.Instance, time ?? TimeProvider.System);

    public static Task<List<SourceArtifact>> FetchAllAsync(this IDiscoverySource source, DateTimeOffset since) =>
        source.FetchAsync(since, CancellationToken.None).ToListAsync().AsTask();
}
