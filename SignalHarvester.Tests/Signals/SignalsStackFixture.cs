using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Signals;

/// <summary>
/// The real stack with the worker pointed at a fake X API, a fake Slack webhook and a fake
/// OpenAI-compatible LLM, all configured through the AppHost as an operator would. Pipeline runs
/// happen only when a test asks for one.
/// </summary>
public sealed class SignalsStackFixture : StackFixture
{
    public const string OutagesQuery = "outage OR down";
    public const string SecurityQuery = "CVE OR vulnerability";

    public FakeXApi X { get; private set; } = null!;
    public FakeSlackWebhook Slack { get; private set; } = null!;
    public FakeOpenAiApi Llm { get; private set; } = null!;
    public string SnapshotDirectory { get; } = Directory.CreateTempSubdirectory("signalharvester-snapshots-").FullName;
    public HangfireJobs Jobs { get; private set; } = null!;

    protected override async Task BeforeStartAsync()
    {
        X = await FakeXApi.StartAsync();
        Slack = await FakeSlackWebhook.StartAsync();
        Llm = await FakeOpenAiApi.StartAsync();
    }

    protected override IEnumerable<string> AppHostArguments =>
    [
        // The developer stack reads samples; X, Slack and the LLM are live against the fakes.
        "--Harvest:X:Mode=live",
        "--Harvest:Slack:Mode=live",
        "--Llm:Mode=live",
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
        "--Parameters:llm-api-key=fake-llm-key",
    ];

    protected override async Task AfterStartAsync() => Jobs = new HangfireJobs(await DatabaseConnectionStringAsync());

    public async Task<string> RunSignalPipelineAsync() =>
        await Jobs.RunAsync<SignalHarvester.Worker.Signals.SignalPipelineJob>(job => job.RunAsync(CancellationToken.None), TimeSpan.FromMinutes(2));

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(await DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task AfterDisposeAsync()
    {
        await X.DisposeAsync();
        await Slack.DisposeAsync();
        await Llm.DisposeAsync();
        Directory.Delete(SnapshotDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SignalsCollection : ICollectionFixture<SignalsStackFixture>
{
    public const string Name = "signals";
}
