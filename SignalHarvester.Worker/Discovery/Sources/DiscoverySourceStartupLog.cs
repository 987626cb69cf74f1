using Microsoft.Extensions.Options;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>Says at startup, per source, whether it runs and whether it reads the network or its embedded sample.</summary>
internal sealed class DiscoverySourceStartupLog(
    IOptions<ArxivSourceOptions> arxiv,
    IOptions<GitHubSourceOptions> github,
    IOptions<HackerNewsSourceOptions> hackerNews,
    IServiceScopeFactory scopes,
    ILogger<DiscoverySourceStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log(DiscoverySourceNames.Arxiv, arxiv.Value, $"categories {string.Join(", ", arxiv.Value.Categories)}");
        Log(DiscoverySourceNames.GitHub, github.Value,
            $"topics {string.Join(", ", github.Value.Topics)}; organizations {string.Join(", ", github.Value.Organizations)}; token {(string.IsNullOrWhiteSpace(github.Value.Token) ? "not configured" : "configured")}");
        Log(DiscoverySourceNames.HackerNews, hackerNews.Value, $"lists {string.Join(", ", hackerNews.Value.Lists)}");

        // Sources registered elsewhere (e.g. X) may depend on scoped services, hence the scope.
        using var scope = scopes.CreateScope();
        foreach (var source in scope.ServiceProvider.GetServices<IDiscoverySource>()
                     .Where(s => s.Name is not (DiscoverySourceNames.Arxiv or DiscoverySourceNames.GitHub or DiscoverySourceNames.HackerNews)))
        {
            logger.LogInformation("Discovery source {Source}: {State}", source.Name, source.Enabled ? "enabled" : "disabled");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Log(string source, DiscoverySourceOptions options, string detail) =>
        logger.LogInformation(
            "Discovery source {Source}: {State}, reading {Origin} ({Detail})",
            source,
            options.Enabled ? "enabled" : "disabled",
            options.UseEmbeddedSample ? "the embedded sample (no BaseUrl configured)" : options.BaseUrl,
            detail);
}
