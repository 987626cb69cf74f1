using Aspire.Hosting;
using Aspire.Hosting.Testing;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Api;

/// <summary>
/// The real stack on its embedded defaults (sample X posts, sample arXiv / GitHub / Hacker News
/// feeds, heuristic classifiers), filled by one signal run and one discovery run before the tests:
/// what a developer sees after <c>dotnet run</c>. The API resource tests share it.
/// </summary>
public class PopulatedStackFixture : StackFixture
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

    protected override IEnumerable<string> AppHostArguments =>
    [
        "--Harvest:RunOnStart=false",
        "--Harvest:Schedule=0 0 1 1 *",
        $"--Harvest:Snapshots:Directory={SnapshotDirectory}",
        "--Harvest:Snapshots:IntervalMinutes=0",
        "--Discovery:RunOnStartWhenEmpty=false",
        "--Discovery:Schedule=0 0 1 1 *",
        $"--RateLimiting:PremiumPerMinute={MeteredPerMinute}",
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
        Assert.Equal("Succeeded", await RunSignalPipelineAsync());
        Assert.Equal("Succeeded", await RunDiscoveryAsync());
    }

    public Task<string> RunSignalPipelineAsync() => Jobs.RunSignalPipelineAsync();

    public Task<string> RunDiscoveryAsync() => Jobs.RunDiscoveryAsync();

    protected override Task AfterDisposeAsync()
    {
        Directory.Delete(SnapshotDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PopulatedCollection : ICollectionFixture<PopulatedStackFixture>
{
    public const string Name = "populated";
}
