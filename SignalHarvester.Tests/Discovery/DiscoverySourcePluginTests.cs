using System.Collections.Concurrent;
using System.Reflection;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Worker.Discovery;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Discovery.Stages;
using SignalHarvester.Worker.Jobs;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Tests.Discovery;

/// <summary>
/// The plug-in contract (docs/pipelines/discovery.md, "Adding a source"): every source the worker has is registered and
/// fetched by a discovery run, and the registration, not the source, decides whether a source reads its base URL or its sample.
/// </summary>
public sealed class DiscoverySourcePluginTests
{
    [Fact]
    public async Task Every_source_in_the_worker_is_registered_and_the_fetch_stage_fans_out_to_each()
    {
        // The source folders, found independently of the registration: a folder without its line fails here.
        var written = typeof(IDiscoverySource).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IDiscoverySource)))
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        var jobs = new RecordingJobClient();
        using var host = Build(new() { [SourceModes.DefaultKey] = "sample" }, services =>
        {
            // The X source reads the harvest's database; built, never queried here.
            services.AddSingleton(NpgsqlDataSource.Create("Host=unused.invalid"));
            services.AddSingleton<SignalStore>();
            services.AddSingleton<IBackgroundJobClient>(jobs);
            services.AddSingleton<JobStorage>(new SucceededJobStorage());
            services.AddSingleton<ChildJobs>();
            services.AddScoped<FetchArtifactsStage>();
        });

        var registered = host.Services.GetServices<IDiscoverySource>().ToList();
        await using var scope = host.Services.CreateAsyncScope();
        var fetched = await scope.ServiceProvider.GetRequiredService<FetchArtifactsStage>().RunAsync(CancellationToken.None);

        Assert.Equal(["ArxivSource", "GitHubSource", "HackerNewsSource", "XArtifactSource"], written);
        Assert.Equal(written, registered.Select(s => s.GetType().Name).Order(StringComparer.Ordinal));
        var names = registered.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, fetched.Fetched.Keys.Order(StringComparer.Ordinal));
        Assert.All(jobs.Created, job => Assert.Equal((typeof(DiscoverySourceFetchJob), nameof(DiscoverySourceFetchJob.RunAsync)), (job.Type, job.Method.Name)));
        Assert.Equal(names, jobs.Created.Select(job => (string)job.Args[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_registration_decides_live_or_sample_a_live_source_reads_its_configured_base_url_a_sample_source_its_sample()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        List<RegisteredDiscoverySource> plugins;
        using (var defaults = Build([]))
        {
            plugins = [.. defaults.Services.GetServices<RegisteredDiscoverySource>()];
        }

        using var live = Build(plugins.SelectMany(p => Settings(p, "live", upstream.BaseUrl)).ToDictionary());
        using var sample = Build(plugins.SelectMany(p => Settings(p, "sample", upstream.BaseUrl)).ToDictionary());

        Assert.Equal([SourceNames.Arxiv, SourceNames.GitHub, SourceNames.HackerNews], plugins.Select(p => p.Name));
        foreach (var plugin in plugins)
        {
            var before = upstream.Requests.Count;
            var fromSample = await Source(sample, plugin).FetchAllAsync(DateTimeOffset.MinValue);
            Assert.True(fromSample.Count > 0, $"{plugin.Name} in sample mode read nothing from its sample");
            Assert.Equal(before, upstream.Requests.Count);
            Assert.Equal(SourceMode.Sample, sample.Services.GetRequiredService<SourceSettings>().Find(plugin.Name)!.Mode);

            // The upstream answers 503: the live source fails, after asking the configured base URL.
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => Source(live, plugin).FetchAllAsync(DateTimeOffset.UtcNow.AddDays(-1)));
            Assert.True(upstream.Requests.Count > before, $"{plugin.Name} in live mode never asked {upstream.BaseUrl}");
            Assert.Equal((SourceMode.Live, upstream.BaseUrl), live.Services.GetRequiredService<SourceSettings>().Find(plugin.Name) is { } s ? (s.Mode, s.Endpoint) : default);
        }
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDiscoverySources();
        builder.AddHarvestedPostSource();
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    private static IEnumerable<KeyValuePair<string, string?>> Settings(RegisteredDiscoverySource plugin, string mode, string baseUrl) =>
        [new($"{plugin.SectionName}:Mode", mode), new($"{plugin.SectionName}:BaseUrl", baseUrl)];

    private static IDiscoverySource Source(IHost host, RegisteredDiscoverySource plugin) =>
        (IDiscoverySource)host.Services.GetRequiredService(plugin.SourceType);

    /// <summary>Hangfire's client, recording what was enqueued; a job's id is its first argument (the source's name).</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        private readonly ConcurrentQueue<Job> created = new();

        public IReadOnlyList<Job> Created => [.. created];

        public string Create(Job job, IState state)
        {
            created.Enqueue(job);
            return (string)job.Args[0];
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => throw new NotSupportedException();
    }

    /// <summary>Storage in which every job has already succeeded, with the outcome of a source that fetched one item.</summary>
    private sealed class SucceededJobStorage : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi() => throw new NotSupportedException();

        public override IStorageConnection GetConnection() => DispatchProxy.Create<IStorageConnection, SucceededStates>();
    }

    public class SucceededStates : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IStorageConnection.GetStateData) => new StateData
            {
                Name = SucceededState.StateName,
                Data = new Dictionary<string, string>
                {
                    ["Result"] = SerializationHelper.Serialize(new SourceFetchOutcome((string)args![0]!, 1, 1, null), SerializationOption.User),
                },
            },
            nameof(IDisposable.Dispose) => null,
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }

    /// <summary>Any upstream on loopback: answers 503 to every request and records its path.</summary>
    private sealed class RecordingUpstream(WebApplication app, string baseUrl) : IAsyncDisposable
    {
        private readonly ConcurrentQueue<string> requests = new();

        public string BaseUrl => baseUrl;

        public IReadOnlyList<string> Requests => [.. requests];

        public static async Task<RecordingUpstream> StartAsync()
        {
            var app = LoopbackApp.Create();
            RecordingUpstream? upstream = null;
            app.Run(context =>
            {
                upstream!.requests.Enqueue(context.Request.Path);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            });
            var root = await LoopbackApp.StartAsync(app);
            upstream = new RecordingUpstream(app, root + "/");
            return upstream;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
