using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Discovery.Sources.Arxiv;
using SignalHarvester.Worker.Discovery.Sources.GitHub;
using SignalHarvester.Worker.Discovery.Sources.HackerNews;

namespace SignalHarvester.Tests.Discovery;

/// <summary>
/// Sources on a plain HttpClient: no resilience handler, so every request the code makes is one
/// request the fake sees (no retries) and failures surface at once.
/// </summary>
public static class TestSources
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static ArxivSource Arxiv(ArxivSourceOptions options, ILogger<ArxivSource>? logger = null, TimeProvider? time = null, SkippedItems? skipped = null)
    {
        time ??= TimeProvider.System;
        return new(Http, Options.Create(options), logger ?? NullLogger<ArxivSource>.Instance, time, new RequestPacer(time), skipped ?? Skipped());
    }

    public static GitHubSource GitHub(GitHubSourceOptions options, ILogger<GitHubSource>? logger = null) =>
        new(Http, Options.Create(options), logger ?? NullLogger<GitHubSource>.Instance, Skipped());

    public static HackerNewsSource HackerNews(HackerNewsSourceOptions options, ILogger<HackerNewsSource>? logger = null, SkippedItems? skipped = null) =>
        new(Http, Options.Create(options), logger ?? NullLogger<HackerNewsSource>.Instance, skipped ?? Skipped());

    /// <summary>Where a source counts what it skipped, on a meter of its own (the tests that count pass theirs).</summary>
    public static SkippedItems Skipped() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), NullLogger<SkippedItems>.Instance);

    /// <summary>
    /// A source in sample mode as the worker registers it (its own settings under its section,
    /// e.g. <c>("WindowHours", "168")</c>): the embedded sample answers its requests in process.
    /// </summary>
    public static IDiscoverySource Sample(string source, params (string Key, string Value)[] settings)
    {
        var section = SectionOf(source);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            settings.Select(s => KeyValuePair.Create($"{section}:{s.Key}", (string?)s.Value)).Append(KeyValuePair.Create(SourceModes.DefaultKey, (string?)"sample")));
        builder.AddDiscoverySources();
        SampleHosts.Add(builder.Build());
        return SampleHosts[^1].Services.GetServices<IDiscoverySource>().Single(s => s.Name == source);
    }

    // Where the registration reads the source's settings: every registered source has an embedded sample.
    private static string SectionOf(string source)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddDiscoverySources();
        using var host = builder.Build();
        return host.Services.GetServices<RegisteredDiscoverySource>().SingleOrDefault(s => s.Name == source)?.SectionName
            ?? throw new ArgumentException($"{source} has no embedded sample", nameof(source));
    }

    // Kept for the test run's lifetime: a source's HttpClient belongs to its host.
    private static readonly List<IHost> SampleHosts = [];

    public static Task<List<SourceArtifact>> FetchAllAsync(this IDiscoverySource source, DateTimeOffset since) =>
        source.FetchAsync(since, CancellationToken.None).ToListAsync().AsTask();
}
