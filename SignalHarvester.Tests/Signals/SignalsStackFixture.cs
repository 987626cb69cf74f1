using Aspire.Hosting;
using Aspire.Hosting.Testing;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Signals;

/// <summary>
/// The real stack with the worker pointed at a fake X API, a fake Slack webhook, a fake
/// OpenAI-compatible LLM and a fake GitHub, all configured through the AppHost as an operator would.
/// Signal pipeline runs happen only when a test asks for one; discovery runs once at start (arXiv
/// and Hacker News on their samples, GitHub live against the fake).
/// </summary>
public sealed class SignalsStackFixture : StackFixture
{
    public const string OutagesQuery = "outage OR down";
    public const string SecurityQuery = "CVE OR vulnerability";

    /// <summary>
    /// The salience weights the stack runs with, set here so tests compute expected values from them
    /// (the values are the product's defaults, so the other tests see the usual ranking).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> Salience = new Dictionary<string, double>
    {
        ["Base"] = 10, ["LikeWeight"] = 1, ["RetweetWeight"] = 3, ["ReplyWeight"] = 2, ["QuoteWeight"] = 2.5, ["UrgencyWeight"] = 4,
        ["HalfLifeHours"] = 24, ["CategoryBoosts:Security"] = 1.8, ["SentimentMultipliers:Negative"] = 1.2,
    };

    public FakeXApi X { get; private set; } = null!;
    public FakeSlackWebhook Slack { get; private set; } = null!;
    public FakeOpenAiApi Llm { get; private set; } = null!;

    /// <summary>GitHub for the discovery run at start: three repositories on two pages of two, one with two releases.</summary>
    public FakeGitHubApi GitHub { get; private set; } = null!;
    public string SnapshotDirectory { get; } = Directory.CreateTempSubdirectory("signalharvester-snapshots-").FullName;
    public HangfireJobs Jobs { get; private set; } = null!;

    protected override async Task BeforeStartAsync()
    {
        X = await FakeXApi.StartAsync();
        Slack = await FakeSlackWebhook.StartAsync();
        Llm = await FakeOpenAiApi.StartAsync();
        GitHub = await FakeGitHubApi.StartAsync();
        var now = DateTimeOffset.UtcNow;
        GitHub.Add(
            new FakeGitHubApi.Repository("halcyon-ai/sparse-mixer", 4820, now.AddDays(-200), now.AddHours(-2)) { Topics = ["llm"], Description = "MoE layers for PyTorch" },
            new FakeGitHubApi.Repository("tinylab/tokenwise", 310, now.AddDays(-20), now.AddHours(-5)) { Topics = ["llm"], Description = "Byte-level tokenizers" },
            new FakeGitHubApi.Repository("quietml/evalkit", 95, now.AddDays(-3), now.AddHours(-9)) { Topics = ["llm"], Description = "Evaluating agents" });
        GitHub.AddReleases("halcyon-ai/sparse-mixer",
            new FakeGitHubApi.Release("v1.2.0", now.AddHours(-3)) { Name = "Sparse Mixer 1.2", Body = "Faster routing." },
            new FakeGitHubApi.Release("v1.1.0", now.AddHours(-30)) { Name = "Sparse Mixer 1.1", Body = "Bug fixes." });
    }

    protected override IEnumerable<string> AppHostArguments =>
    [
        // The developer stack reads samples; X, Slack and the LLM are live against the fakes.
        "--Harvest:X:Mode=live",
        "--Harvest:Slack:Mode=live",
        "--Llm:Mode=live",
        "--Discovery:Sources:GitHub:Mode=live",
        $"--Discovery:Sources:GitHub:BaseUrl={GitHub.BaseUrl}",
        "--Discovery:Sources:GitHub:Topics:0=llm",
        "--Discovery:Sources:GitHub:PageSize=2",
        $"--Harvest:X:BaseUrl={X.BaseUrl}",
        $"--Parameters:x-bearer-token={FakeXApi.DefaultBearerToken}",
        "--Harvest:X:MaxResults=10",
        "--Harvest:X:PageBudget=3",
        "--Harvest:Queries:0:Name=outages",
        $"--Harvest:Queries:0:Query={OutagesQuery}",
        "--Harvest:Queries:1:Name=security",
        $"--Harvest:Queries:1:Query={SecurityQuery}",
        "--Harvest:RunOnStart=false",
        "--Harvest:Schedule=0 0 1 1 *",
        $"--Parameters:slack-webhook-url={Slack.WebhookUrl}",
        "--Harvest:Notify:Threshold=50",
        "--Harvest:Notify:WithinHours=0",
        "--Harvest:Notify:MaxPerRun=500",
        $"--Harvest:Snapshots:Directory={SnapshotDirectory}",
        "--Harvest:Snapshots:IntervalMinutes=0",
        "--Harvest:Snapshots:KeepLatest=2",
        "--Llm:Provider=openai-compatible",
        $"--Llm:BaseUrl={Llm.BaseUrl}",
        "--Llm:Model=fake-model",
        .. Salience.Select(s => $"--Salience:{s.Key}={s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
        "--Parameters:llm-api-key=fake-llm-key",
        // Cached signal reads outlive any test: a read after a run shows the run's eviction, not an expiry.
        "--Api:ResponseCache:SignalsSeconds=300",
    ];

    protected override async Task AfterStartAsync() => Jobs = new HangfireJobs(await DatabaseConnectionStringAsync());

    public Task<string> RunSignalPipelineAsync() => Jobs.RunSignalPipelineAsync();

    public Task<string> RunDiscoveryAsync() => Jobs.RunDiscoveryAsync();

    protected override async Task AfterDisposeAsync()
    {
        await X.DisposeAsync();
        await Slack.DisposeAsync();
        await Llm.DisposeAsync();
        await GitHub.DisposeAsync();
        Directory.Delete(SnapshotDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SignalsCollection : ICollectionFixture<SignalsStackFixture>
{
    public const string Name = "signals";
}
