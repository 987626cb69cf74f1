using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Discovery.Sources;

namespace SignalHarvester.Tests.Discovery;

public sealed class DiscoverySourceRegistrationTests
{
    private static IHost Build(Dictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddDiscoverySources();
        return builder.Build();
    }

    [Fact]
    public void Registers_the_three_sources_reading_their_samples_by_default()
    {
        using var host = Build([]);

        var sources = host.Services.GetServices<IDiscoverySource>().ToList();

        Assert.Equal([DiscoverySourceNames.Arxiv, DiscoverySourceNames.GitHub, DiscoverySourceNames.HackerNews], sources.Select(s => s.Name));
        Assert.All(sources, s => Assert.True(s.Enabled));
        Assert.True(host.Services.GetRequiredService<IOptions<ArxivSourceOptions>>().Value.UseEmbeddedSample);
        Assert.True(host.Services.GetRequiredService<IOptions<GitHubSourceOptions>>().Value.UseEmbeddedSample);
        Assert.True(host.Services.GetRequiredService<IOptions<HackerNewsSourceOptions>>().Value.UseEmbeddedSample);
        Assert.Equal(["cs.LG", "cs.AI", "cs.CL", "cs.CV", "cs.RO", "quant-ph"], host.Services.GetRequiredService<IOptions<ArxivSourceOptions>>().Value.Categories);
    }

    [Fact]
    public void Binds_each_section_and_configured_lists_replace_the_defaults()
    {
        using var host = Build(new()
        {
            ["Discovery:Sources:Arxiv:BaseUrl"] = "http://127.0.0.1:5999/",
            ["Discovery:Sources:Arxiv:Categories:0"] = "quant-ph",
            ["Discovery:Sources:Arxiv:MinRequestInterval"] = "00:00:00.010",
            ["Discovery:Sources:GitHub:Enabled"] = "false",
            ["Discovery:Sources:GitHub:Topics"] = "llm, robotics",
            ["Discovery:Sources:GitHub:Token"] = "ghp_x",
            ["Discovery:Sources:HackerNews:Lists:0"] = "new",
            ["Discovery:Sources:HackerNews:MaxItems"] = "10",
        });

        var arxiv = host.Services.GetRequiredService<IOptions<ArxivSourceOptions>>().Value;
        var github = host.Services.GetRequiredService<IOptions<GitHubSourceOptions>>().Value;
        var hackerNews = host.Services.GetRequiredService<IOptions<HackerNewsSourceOptions>>().Value;

        Assert.False(arxiv.UseEmbeddedSample);
        Assert.Equal(["quant-ph"], arxiv.Categories);
        Assert.Equal(TimeSpan.FromMilliseconds(10), arxiv.MinRequestInterval);
        Assert.False(github.Enabled);
        Assert.False(host.Services.GetServices<IDiscoverySource>().Single(s => s.Name == DiscoverySourceNames.GitHub).Enabled);
        Assert.Equal(["llm", "robotics"], github.Topics);
        Assert.Equal("ghp_x", github.Token);
        Assert.Equal(["new"], hackerNews.Lists);
        Assert.Equal(10, hackerNews.MaxItems);
    }

    [Fact]
    public async Task Says_at_startup_where_each_source_reads_from()
    {
        var logs = new ListLoggerProvider();
        using var host = Build(new()
        {
            ["Discovery:Sources:GitHub:BaseUrl"] = "http://127.0.0.1:5998/",
            ["Discovery:Sources:GitHub:Token"] = "ghp_secret",
            ["Discovery:Sources:HackerNews:Enabled"] = "false",
        }, logs);

        await host.StartAsync();
        await host.StopAsync();

        var lines = logs.Logger.Entries.Select(e => e.Message).Where(m => m.StartsWith("Discovery source", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, m => m.Contains("arxiv: enabled, reading the embedded sample", StringComparison.Ordinal));
        Assert.Contains(lines, m => m.Contains("github: enabled, reading http://127.0.0.1:5998/", StringComparison.Ordinal) && m.Contains("token configured", StringComparison.Ordinal));
        Assert.Contains(lines, m => m.Contains("hackernews: disabled", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Logger.Entries, e => e.Message.Contains("ghp_secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Discovery:Sources:Arxiv:BaseUrl", "not a url")]
    [InlineData("Discovery:Sources:Arxiv:PageSize", "0")]
    [InlineData("Discovery:Sources:HackerNews:Lists:0", "frontpage")]
    [InlineData("Discovery:Sources:GitHub:Repositories:0", "just-a-name")]
    public void Rejects_invalid_settings(string key, string value)
    {
        using var host = Build(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() =>
        {
            _ = host.Services.GetRequiredService<IOptions<ArxivSourceOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<GitHubSourceOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<HackerNewsSourceOptions>>().Value;
        });
    }
}
