using Aspire.Hosting;
using Aspire.Hosting.Testing;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Tests.WebConsole;

namespace SignalHarvester.Tests.Api;

/// <summary>
/// The real stack on its embedded defaults (sample X posts, sample arXiv / GitHub / Hacker News
/// feeds, heuristic classifiers), filled by one signal run and one discovery run before the tests:
/// what a developer sees after <c>dotnet run</c>, web console included. The API resource tests and
/// the console's browser tests share it.
/// </summary>
public sealed class PopulatedStackFixture : StackFixture
{
    public string SnapshotDirectory { get; } = Directory.CreateTempSubdirectory("signalharvester-snapshots-").FullName;

    public HangfireJobs Jobs { get; private set; } = null!;

    /// <summary>The AppHost's generated operator key (every scope).</summary>
    public string ApiKey { get; private set; } = "";

    /// <summary>Extra keys with narrower scopes, configured the way an operator adds client keys.</summary>
    public const string WriterKey = "test-writer-key-0123456789abcdef0123";

    public const string ReaderKey = "test-reader-key-0123456789abcdef0123";

    /// <summary>A premium key held to <see cref="MeteredPerMinute"/> (one token a second), so a test can read what a request cost.</summary>
    public const string MeteredKey = "test-metered-key-0123456789abcdef012";

    public const int MeteredPerMinute = 60;

    /// <summary>The web console in a headless Chromium, launched when a test first opens a page.</summary>
    public ConsoleBrowser Console { get; private set; } = null!;

    protected override bool IncludeConsole => true;

    protected override IEnumerable<string> ResourcesToAwait => [.. base.ResourcesToAwait, ResourceNames.Web];

    // Bulk jobs in small batches with a pause, so a job of a few dozen signals runs for seconds: long enough for the
    // console's operations page to follow its progress live.
    protected override IEnumerable<string> AppHostArguments =>
    [
        "--Harvest:RunOnStart=false",
        "--Harvest:Schedule=0 0 1 1 *",
        $"--Harvest:Snapshots:Directory={SnapshotDirectory}",
        "--Harvest:Snapshots:IntervalMinutes=0",
        "--Discovery:RunOnStartWhenEmpty=false",
        "--Discovery:Schedule=0 0 1 1 *",
        $"--RateLimiting:PremiumPerMinute={MeteredPerMinute}",
        "--Api:BulkJobs:BatchSize=2",
        "--Api:BulkJobs:PauseBetweenBatchesMilliseconds=400",
        "--Api:BulkJobs:ProgressIntervalMilliseconds=100",
    ];

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        Service(builder, ResourceNames.Api)
            .WithEnvironment("Api__Keys__1__Name", "writer")
            .WithEnvironment("Api__Keys__1__Key", WriterKey)
            .WithEnvironment("Api__Keys__2__Name", "reader")
            .WithEnvironment("Api__Keys__2__Key", ReaderKey)
            .WithEnvironment("Api__Keys__2__Scopes", "read")
            .WithEnvironment("Api__Keys__3__Name", "metered")
            .WithEnvironment("Api__Keys__3__Key", MeteredKey)
            .WithEnvironment("Api__Keys__3__Tier", "premium");
    }

    protected override async Task AfterStartAsync()
    {
        Jobs = new HangfireJobs(await DatabaseConnectionStringAsync());
        ApiKey = await App.ApiKeyAsync();
        Console = new ConsoleBrowser(App.GetEndpoint(ResourceNames.Web, "http"), ApiKey);
        Assert.Equal("Succeeded", await RunSignalPipelineAsync());
        Assert.Equal("Succeeded", await RunDiscoveryAsync());
    }

    public Task<string> RunSignalPipelineAsync() => Jobs.RunSignalPipelineAsync();

    public Task<string> RunDiscoveryAsync() => Jobs.RunDiscoveryAsync();

    protected override async Task AfterDisposeAsync()
    {
        if (Console is not null)
        {
            await Console.DisposeAsync();
        }

        Directory.Delete(SnapshotDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PopulatedCollection : ICollectionFixture<PopulatedStackFixture>
{
    public const string Name = "populated";
}
