using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Discovery.Pipeline;

/// <summary>
/// The real stack with discovery pointed at fake arXiv and Hacker News servers and a GitHub that
/// always fails, and topic evolution's thresholds set; runs happen when a test asks (the fixture runs one after start).
/// </summary>
public sealed class DiscoveryStackFixture : StackFixture
{
    public const string ExpertName = "Ada Example";

    /// <summary>Topic evolution's thresholds (<c>Discovery:Topics</c>), set here so tests derive expected events from them.</summary>
    public const double SimilarityThreshold = 0.5, MergeSimilarity = 0.85, SplitSimilarity = 0.70;

    private LiveDiscoveryFakes fakes = null!;

    public FakeArxivApi Arxiv => fakes.Arxiv;
    public FakeGitHubApi GitHub => fakes.GitHub;
    public FakeHackerNewsApi HackerNews => fakes.HackerNews;
    public HangfireJobs Jobs { get; private set; } = null!;
    public string FirstRunState { get; private set; } = "";

    protected override async Task BeforeStartAsync()
    {
        var now = DateTimeOffset.UtcNow;
        fakes = await LiveDiscoveryFakes.StartAsync();
        Arxiv.Add(Enumerable.Range(1, 6).Select(i => FakeArxivApi.Paper(i, now.AddHours(-i), i % 2 == 0 ? "quant-ph" : "cs.LG")
            with
            {
                Title = i == 1 ? "Superconducting qubit error correction below threshold" : $"Reinforcement learning for sparse attention, part {i}",
                Summary = i == 3 ? "Code at https://github.com/example-lab/sparse-rl. We study policy gradients." : "We study sparse attention and surface code decoders.",
                Authors = i == 2 ? [new FakeArxivApi.Author(ExpertName, ["Example University"])] : [new FakeArxivApi.Author($"Author {i}", ["Halcyon AI Lab"])],
            }));

        GitHub.FailureStatus = 500;

        HackerNews.AddStory(9001, "Sparse RL paper is out", now.AddHours(-1), url: "https://arxiv.org/abs/2511.00003");
        HackerNews.AddStory(9002, "Show HN: a tiny vector database", now.AddHours(-2), url: "https://github.com/someone/tinyvec");
        HackerNews.AddStory(9003, "Ask HN: how do you evaluate LLM agents?", now.AddHours(-3), text: "Curious what people use.");
        HackerNews.SetList("topstories", 9001, 9002, 9003);
        HackerNews.SetList("showstories", 9002);
    }

    protected override IEnumerable<string> AppHostArguments =>
    [
        // The developer stack reads samples; these three are live against the fakes.
        .. fakes.AppHostArguments,
        $"--Discovery:Experts:0={ExpertName}",
        FormattableString.Invariant($"--Discovery:Topics:SimilarityThreshold={SimilarityThreshold}"),
        FormattableString.Invariant($"--Discovery:Topics:MergeSimilarity={MergeSimilarity}"),
        FormattableString.Invariant($"--Discovery:Topics:SplitSimilarity={SplitSimilarity}"),
        "--Harvest:RunOnStart=false",
    ];

    protected override async Task AfterStartAsync()
    {
        Jobs = new HangfireJobs(await DatabaseConnectionStringAsync());
        FirstRunState = await RunDiscoveryAsync();
    }

    public Task<string> RunDiscoveryAsync() => Jobs.RunDiscoveryAsync();

    protected override async Task AfterDisposeAsync() => await fakes.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DiscoveryCollection : ICollectionFixture<DiscoveryStackFixture>
{
    public const string Name = "discovery";
}
