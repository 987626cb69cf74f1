using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Discovery.Sources.Arxiv;
using SignalHarvester.Worker.Discovery.Sources.GitHub;
using SignalHarvester.Worker.Discovery.Sources.HackerNews;
using SignalHarvester.Worker.Sources;

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
    public void With_no_mode_configured_every_source_is_live_on_its_public_api()
    {
        using var host = Build([]);

        var sources = host.Services.GetServices<IDiscoverySource>().ToList();
        var settings = host.Services.GetRequiredService<SourceSettings>();

        Assert.Equal([SourceNames.Arxiv, SourceNames.GitHub, SourceNames.HackerNews], sources.Select(s => s.Name));
        Assert.Equal("https://export.arxiv.org", host.Services.GetRequiredService<IOptions<ArxivSourceOptions>>().Value.BaseUrl);
        Assert.Equal("https://api.github.com", host.Services.GetRequiredService<IOptions<GitHubSourceOptions>>().Value.BaseUrl);
        Assert.Equal("https://hacker-news.firebaseio.com", host.Services.GetRequiredService<IOptions<HackerNewsSourceOptions>>().Value.BaseUrl);
        Assert.Equal(
            [(SourceNames.Arxiv, SourceMode.Live), (SourceNames.GitHub, SourceMode.Live), (SourceNames.HackerNews, SourceMode.Live)],
            settings.All.Select(s => (s.Name, s.Mode)));
        Assert.All(settings.All, s => Assert.Equal(DataOrigin.Live, s.Origin));
        Assert.Equal(["cs.LG", "cs.AI", "cs.CL", "cs.CV", "cs.RO", "quant-ph"], host.Services.GetRequiredService<IOptions<ArxivSourceOptions>>().Value.Categories);
    }

    [Fact]
    public void Sources_Mode_sample_answers_every_source_from_its_sample_and_a_source_key_overrides_it()
    {
        using var host = Build(new()
        {
            [SourceModes.DefaultKey] = "sample",
            ["Discovery:Sources:GitHub:Mode"] = "LIVE",
            ["Discovery:Sources:GitHub:BaseUrl"] = "http://127.0.0.1:5997/",
        });

        var settings = host.Services.GetRequiredService<SourceSettings>();

        Assert.Equal(SourceMode.Sample, settings.Find(SourceNames.Arxiv)!.Mode);
        Assert.Equal(DataOrigin.Sample, settings.Find(SourceNames.Arxiv)!.Origin);
        Assert.Equal("http://embedded-sample.invalid/", host.Services.GetRequiredService<IOptions<ArxivSourceOptions>>().Value.BaseUrl);
        // Nothing to be polite to in process.
        Assert.Equal(TimeSpan.Zero, host.Services.GetRequiredService<IOptions<ArxivSourceOptions>>().Value.MinRequestInterval);
        Assert.Equal((SourceMode.Live, "http://127.0.0.1:5997/"), (settings.Find(SourceNames.GitHub)!.Mode, settings.Find(SourceNames.GitHub)!.Endpoint));
        Assert.Equal("http://127.0.0.1:5997/", host.Services.GetRequiredService<IOptions<GitHubSourceOptions>>().Value.BaseUrl);
        Assert.Equal(SourceMode.Sample, settings.Find(SourceNames.HackerNews)!.Mode);
    }

    [Fact]
    public void Binds_each_section_configured_lists_replace_the_defaults_and_an_off_source_is_not_registered()
    {
        using var host = Build(new()
        {
            ["Discovery:Sources:Arxiv:BaseUrl"] = "http://127.0.0.1:5999/",
            ["Discovery:Sources:Arxiv:Categories:0"] = "quant-ph",
            ["Discovery:Sources:Arxiv:MinRequestInterval"] = "00:00:00.010",
            ["Discovery:Sources:GitHub:Mode"] = "off",
            ["Discovery:Sources:GitHub:Topics"] = "llm, robotics",
            ["Discovery:Sources:GitHub:Token"] = "ghp_x",
            ["Discovery:Sources:HackerNews:Lists:0"] = "new",
            ["Discovery:Sources:HackerNews:MaxItems"] = "10",
        });

        var arxiv = host.Services.GetRequiredService<IOptions<ArxivSourceOptions>>().Value;
        var github = host.Services.GetRequiredService<IOptions<GitHubSourceOptions>>().Value;
        var hackerNews = host.Services.GetRequiredService<IOptions<HackerNewsSourceOptions>>().Value;
        var settings = host.Services.GetRequiredService<SourceSettings>();

        Assert.Equal("http://127.0.0.1:5999/", arxiv.BaseUrl);
        Assert.Equal(["quant-ph"], arxiv.Categories);
        Assert.Equal(TimeSpan.FromMilliseconds(10), arxiv.MinRequestInterval);
        Assert.Equal([SourceNames.Arxiv, SourceNames.HackerNews], host.Services.GetServices<IDiscoverySource>().Select(s => s.Name));
        Assert.Equal((SourceMode.Off, true), (settings.Find(SourceNames.GitHub)!.Mode, settings.Find(SourceNames.GitHub)!.CredentialConfigured));
        Assert.Equal(["llm", "robotics"], github.Topics);
        Assert.Equal("ghp_x", github.Token);
        Assert.Equal(["new"], hackerNews.Lists);
        Assert.Equal(10, hackerNews.MaxItems);
    }

    [Fact]
    public async Task Says_at_startup_what_each_running_source_asks_for_and_never_its_token()
    {
        var logs = new ListLoggerProvider();
        using var host = Build(new()
        {
            ["Discovery:Sources:GitHub:BaseUrl"] = "http://127.0.0.1:5998/",
            ["Discovery:Sources:GitHub:Token"] = "ghp_secret",
            ["Discovery:Sources:HackerNews:Mode"] = "off",
        }, logs);

        await host.StartAsync();
        await host.StopAsync();

        var lines = logs.Logger.Entries.Select(e => e.Message).Where(m => m.StartsWith("Discovery source", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, m => m.StartsWith("Discovery source arxiv asks for categories cs.LG", StringComparison.Ordinal));
        Assert.Contains(lines, m => m.StartsWith("Discovery source github asks for topics machine-learning", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, m => m.Contains("hackernews", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Logger.Entries, e => e.Message.Contains("ghp_secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Discovery:Sources:Arxiv:Mode", "Discovery:Sources:Arxiv:Mode")]
    [InlineData(SourceModes.DefaultKey, SourceModes.DefaultKey)]
    public void An_unknown_mode_stops_the_worker_naming_the_key(string key, string named)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Build(new() { [key] = "demo" }));

        Assert.Equal($"{named} is 'demo'; it must be one of: live, sample, off.", failure.Message);
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
