namespace SignalHarvester.Tests.Fakes;

/// <summary>
/// Fake arXiv, GitHub and Hacker News servers with discovery pointed at them (live mode, X left out): what a stack
/// fixture that drives discovery itself starts before the stack and disposes after it. Each fixture fills them.
/// </summary>
public sealed class LiveDiscoveryFakes : IAsyncDisposable
{
    public FakeArxivApi Arxiv { get; private set; } = null!;
    public FakeGitHubApi GitHub { get; private set; } = null!;
    public FakeHackerNewsApi HackerNews { get; private set; } = null!;

    /// <summary>The AppHost settings that put the three sources live against these fakes, with no scheduled or start-up run.</summary>
    public IEnumerable<string> AppHostArguments =>
    [
        "--Discovery:Sources:Arxiv:Mode=live",
        "--Discovery:Sources:GitHub:Mode=live",
        "--Discovery:Sources:HackerNews:Mode=live",
        $"--Discovery:Sources:Arxiv:BaseUrl={Arxiv.BaseUrl}",
        "--Discovery:Sources:Arxiv:MinRequestInterval=00:00:00",
        $"--Discovery:Sources:GitHub:BaseUrl={GitHub.BaseUrl}",
        $"--Discovery:Sources:HackerNews:BaseUrl={HackerNews.BaseUrl}",
        "--Discovery:Sources:X:Enabled=false",
        "--Discovery:RunOnStartWhenEmpty=false",
        "--Discovery:Schedule=0 0 1 1 *",
    ];

    public static async Task<LiveDiscoveryFakes> StartAsync() => new()
    {
        Arxiv = await FakeArxivApi.StartAsync(),
        GitHub = await FakeGitHubApi.StartAsync(),
        HackerNews = await FakeHackerNewsApi.StartAsync(),
    };

    public async ValueTask DisposeAsync()
    {
        await Arxiv.DisposeAsync();
        await GitHub.DisposeAsync();
        await HackerNews.DisposeAsync();
    }
}
