using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using SignalHarvester.Domain;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>
/// The real AppHost, started once per test collection, with PostgreSQL and Redis as local
/// processes on throwaway data directories. Subclasses adjust the model before it starts.
/// </summary>
public class StackFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    // Starting a stack is the CPU-heavy part (several .NET processes compiling, PostgreSQL's initdb); running its tests
    // is mostly waiting. With collections side by side (xunit.runner.json), two stacks start at a time, so start-ups
    // do not starve each other on two cores; the start timeout counts from the turn of this one.
    private static readonly SemaphoreSlim StartTurns = new(2);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Resources that must be healthy before the tests of the collection run.</summary>
    protected virtual IEnumerable<string> ResourcesToAwait => IncludeWorker ? [ResourceNames.Api, ResourceNames.Worker] : [ResourceNames.Api];

    /// <summary>
    /// Settings for a stack whose tests bring their own data: the pipelines neither run at start nor on
    /// a schedule (once a year), so nothing else writes to the database and no CPU goes to runs nobody reads.
    /// </summary>
    public static readonly string[] NoScheduledPipelines =
    [
        "--Harvest:RunOnStart=false",
        "--Harvest:Schedule=0 0 1 1 *",
        "--Discovery:RunOnStartWhenEmpty=false",
        "--Discovery:Schedule=0 0 1 1 *",
    ];

    /// <summary>
    /// Whether the web console runs too. Only its own tests need it: left out, it costs the other
    /// stacks no start-up time on CI's two cores.
    /// </summary>
    protected virtual bool IncludeConsole => false;

    /// <summary>
    /// Whether the worker runs. A collection that tests only the API (rate limits, outages of Redis, bad input, bulk
    /// jobs) leaves it out: no pipeline can touch its data and its start-up costs nothing.
    /// </summary>
    protected virtual bool IncludeWorker => true;

    /// <summary>How PostgreSQL and Redis run (<c>Infrastructure:Mode</c>): local processes unless a fixture brings its own.</summary>
    protected virtual string InfrastructureMode => "local";

    /// <summary>Extra AppHost command-line settings (e.g. <c>--Harvest:X:BaseUrl=…</c>), as an operator would pass them.</summary>
    protected virtual IEnumerable<string> AppHostArguments => [];

    protected virtual void Configure(IDistributedApplicationTestingBuilder builder)
    {
    }

    /// <summary>One of the AppHost's .NET services, to adjust before the stack starts (replicas, settings).</summary>
    protected static IResourceBuilder<ProjectResource> Service(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name));

    /// <summary>Starts what the stack talks to (fake outside services) before the stack itself.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    protected virtual Task AfterStartAsync() => Task.CompletedTask;

    protected virtual Task AfterDisposeAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await StartTurns.WaitAsync();
        try
        {
            await StartAsync();
        }
        finally
        {
            StartTurns.Release();
        }

        await AfterStartAsync();
    }

    private async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        await BeforeStartAsync();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SignalHarvester_AppHost>(
            [
                $"--Infrastructure:Mode={InfrastructureMode}",
                "--Infrastructure:Ephemeral=true",
                "--DcpPublisher:RandomizePorts=true",
                // No test stack runs a container, yet the orchestrator polls the container runtime's CLI every few seconds
                // (on CI a docker process each time, 3 % of the suite's CPU). Pointed at podman, which CI does not have,
                // each poll is a failed exec.
                "--ASPIRE_CONTAINER_RUNTIME=podman",
                .. AppHostArguments,
            ],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);
        Configure(builder);
        if (!IncludeConsole)
        {
            builder.Resources.Remove(builder.Resources.Single(r => r.Name == ResourceNames.Web));
        }

        if (!IncludeWorker)
        {
            builder.Resources.Remove(builder.Resources.Single(r => r.Name == ResourceNames.Worker));
        }

        // The dashboard is off, so nothing receives OTLP: without an endpoint the services skip the
        // exporter instead of retrying it at every stop (which outlasts the orchestrator's stop timeout).
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }

        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        foreach (var resource in ResourcesToAwait)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await AfterDisposeAsync();
    }

    public HttpClient CreateApiClient() => App.CreateHttpClient(ResourceNames.Api, "http");

    public HttpClient CreateWorkerClient() => App.CreateHttpClient(ResourceNames.Worker, "http");

    public virtual async Task<string> DatabaseConnectionStringAsync() =>
        await App.GetConnectionStringAsync(ResourceNames.Postgres) ?? throw new InvalidOperationException("no database connection string");

    /// <summary>The connection settings for another database on the stack's PostgreSQL server (a scratch one, or <c>postgres</c>).</summary>
    public async Task<NpgsqlConnectionStringBuilder> ServerConnectionAsync(string database) =>
        new(await DatabaseConnectionStringAsync()) { Database = database };

    /// <summary>An open connection to the stack's application database, for checks that read what the services stored.</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(await DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        return connection;
    }

    public ResourceEvent? Snapshot(string resourceName) =>
        App.ResourceNotifications.TryGetCurrentState(resourceName, out var resourceEvent) ? resourceEvent : null;
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
