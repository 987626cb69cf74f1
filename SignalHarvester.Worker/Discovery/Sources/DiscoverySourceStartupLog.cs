using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>Says at start what each discovery source that runs asks for (its mode is in the sources' own start-up report).</summary>
internal sealed class DiscoverySourceStartupLog(
    IOptions<ArxivSourceOptions> arxiv,
    IOptions<GitHubSourceOptions> github,
    IOptions<HackerNewsSourceOptions> hackerNews,
    SourceSettings sources,
    ILogger<DiscoverySourceStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log(SourceNames.Arxiv, () => $"categories {string.Join(", ", arxiv.Value.Categories)}");
        Log(SourceNames.GitHub, () => $"topics {string.Join(", ", github.Value.Topics)}; organizations {string.Join(", ", github.Value.Organizations)}");
        Log(SourceNames.HackerNews, () => $"lists {string.Join(", ", hackerNews.Value.Lists)}");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Log(string source, Func<string> detail)
    {
        if (sources.Find(source) is { IsOff: false })
        {
            logger.LogInformation("Discovery source {Source} asks for {Detail}", source, detail());
        }
    }
}
