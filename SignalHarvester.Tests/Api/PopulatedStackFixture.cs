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

    public string ApiKey { get; private set; } = "";

    protected override IEnumerable<string> AppHostArguments =>
    [
        "--Harvest:RunOnStart=false",
        "--Harvest:Schedule=0 0 1 1 *",
        $"--Harvest:Snapshots:Directory={SnapshotDirectory}",
        "--Harvest:Snapshots:IntervalMinutes=0",
        "--Discovery:RunOnStartWhenEmpty=false",
        "--Discovery:Schedule=0 0 1 1 *",
    ];

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
