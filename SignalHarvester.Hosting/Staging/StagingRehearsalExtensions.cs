using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SignalHarvester.Domain;
using SignalHarvester.Hosting.Infrastructure;
using SignalHarvester.Hosting.Publishing;

namespace SignalHarvester.Hosting.Staging;

/// <summary>
/// <c>--Staging:Rehearsal=true</c>: besides the application, runs Prometheus, Alertmanager, node-exporter
/// and Caddy as local processes with the configuration the staging bundle's writers produce, adapted only in
/// addresses (the running api / worker / monitoring endpoints) and ports, so the bundle's monitoring
/// and edge configuration is exercised against the real services (docs/operations/staging-validation.md).
/// Files and data live in a per-run directory that is removed when the AppHost stops.
/// </summary>
public static class StagingRehearsalExtensions
{
    public const string Setting = "Staging:Rehearsal";

    private const string HttpEndpoint = "http";
    private const string HttpsEndpoint = "https";

    // Beside the api's 5080 and the worker's 5081; tests randomize them (DcpPublisher:RandomizePorts).
    private const int CaddyPort = 5443;
    private const int PrometheusPort = 5090;
    private const int AlertmanagerPort = 5093;
    private const int NodeExporterPort = 5100;

    public static void AddStagingRehearsal(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode || !builder.Configuration.GetValue(Setting, false))
        {
            return;
        }

        var tools = RehearsalTools.Find();
        var state = LocalStateDirectory.Create(ephemeral: true, configuredPath: null);
        StagingModel? stagingModel = null;
        builder.Eventing.Subscribe<BeforeStartEvent>(async (@event, cancellationToken) =>
        {
            @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(state.RemoveIfEphemeral);
            stagingModel = await ReadAsPublishedAsync(@event.Model, @event.Services, cancellationToken);
        });

        var password = builder.AddParameter(ResourceNames.StagingBasicAuthPassword,
            new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);

        var alertmanagerDirectory = WorkingDirectory(state, ResourceNames.Alertmanager);
        var alertmanager = builder.AddExecutable(ResourceNames.Alertmanager, tools.Alertmanager, alertmanagerDirectory)
            .WithHttpEndpoint(port: AlertmanagerPort, name: HttpEndpoint)
            .WithArgs($"--config.file={AlertmanagerConfigWriter.FileName}", "--storage.path=data",
                "--cluster.listen-address=") // no gossip port: a single instance, and none to collide with
            .WithLoopbackListener("--web.listen-address")
            .WithHttpHealthCheck("/-/ready")
            .OnBeforeResourceStarted((_, _, _) =>
                WriteAsync(alertmanagerDirectory, AlertmanagerConfigWriter.FileName, AlertmanagerConfigWriter.Write()));

        var prometheusDirectory = WorkingDirectory(state, ResourceNames.Prometheus);
        var prometheus = builder.AddExecutable(ResourceNames.Prometheus, tools.Prometheus, prometheusDirectory)
            .WithHttpEndpoint(port: PrometheusPort, name: HttpEndpoint)
            .WithArgs($"--config.file={PrometheusConfigWriter.FileName}", "--storage.tsdb.path=data")
            .WithLoopbackListener("--web.listen-address")
            .WithHttpHealthCheck("/-/ready");

        // This machine's filesystems, CPU and memory, with the collectors of the bundle's upstream image.
        var nodeExporter = builder.AddExecutable(ResourceNames.NodeExporter, tools.NodeExporter, WorkingDirectory(state, ResourceNames.NodeExporter))
            .WithHttpEndpoint(port: NodeExporterPort, name: HttpEndpoint)
            // Debian's build turns the systemd collector on (upstream leaves it off): without a systemd
            // bus (containers, CI) it fails and logs an error at every scrape.
            .WithArgs("--no-collector.systemd")
            .WithLoopbackListener("--web.listen-address")
            .WithHttpHealthCheck("/");

        // The names are the bundle's service names, which the writers ask for.
        var endpointByService = new Dictionary<string, EndpointReference>(StringComparer.Ordinal)
        {
            [ResourceNames.Api] = Project(builder, ResourceNames.Api).GetEndpoint(HttpEndpoint),
            [ResourceNames.Worker] = Project(builder, ResourceNames.Worker).GetEndpoint(HttpEndpoint),
            [MonitoringServices.Prometheus] = prometheus.GetEndpoint(HttpEndpoint),
            [MonitoringServices.Alertmanager] = alertmanager.GetEndpoint(HttpEndpoint),
            [MonitoringServices.NodeExporter] = nodeExporter.GetEndpoint(HttpEndpoint),
        };
        prometheus.OnBeforeResourceStarted(async (_, _, cancellationToken) =>
        {
            var addresses = await LocalProcessAddresses.ResolveAsync(endpointByService, cancellationToken);
            await WriteAsync(prometheusDirectory, AlertRulesWriter.FileName, AlertRulesWriter.Write());
            await WriteAsync(prometheusDirectory, PrometheusConfigWriter.FileName, PrometheusConfigWriter.Write(stagingModel!, addresses));
        });

        AddCaddy(builder, tools.Caddy, WorkingDirectory(state, ResourceNames.Caddy), password, endpointByService, () => stagingModel!);
    }

    // Caddy with the bundle's sites; the basic-auth password is hashed by staging-caddy.sh as an operator would.
    private static void AddCaddy(
        IDistributedApplicationBuilder builder,
        string caddyBinary,
        string caddyDirectory,
        IResourceBuilder<ParameterResource> password,
        IReadOnlyDictionary<string, EndpointReference> endpointByService,
        Func<StagingModel> stagingModel)
    {
        var caddy = builder.AddExecutable(ResourceNames.Caddy, "bash", caddyDirectory)
            .WithHttpsEndpoint(port: CaddyPort, name: HttpsEndpoint);
        var protectedSites = StagingVariables.ProtectedSites.Where(site => endpointByService.ContainsKey(site.Service)).ToList();
        var defaults = StagingVariables.All().ToDictionary(variable => variable.Name, variable => variable.Default);
        WithSiteUrls(caddy, [CaddyfileWriter.PublicService, .. protectedSites.Select(site => site.Host)], defaults[StagingVariables.Domain]);
        caddy.WithArgs([Path.Combine(AppContext.BaseDirectory, "Staging", "staging-caddy.sh"), caddyBinary, .. protectedSites.Select(site => site.Hash)])
            .WithEnvironment("STAGING_BASIC_AUTH_PASSWORD", password)
            .WithEnvironment(CaddyfileWriter.HttpsPortVariable, caddy.GetEndpoint(HttpsEndpoint).Property(EndpointProperty.TargetPort))
            .WithEnvironment(StagingVariables.Domain, defaults[StagingVariables.Domain])
            .WithEnvironment(StagingVariables.TlsEmail, "internal")
            // Caddy keeps its CA, certificates and autosaved config under these (caddy/ inside each).
            .WithEnvironment("XDG_DATA_HOME", caddyDirectory)
            .WithEnvironment("XDG_CONFIG_HOME", caddyDirectory)
            .WithEnvironment(context =>
            {
                foreach (var site in protectedSites)
                {
                    context.EnvironmentVariables[site.User] = defaults[site.User];
                }
            })
            .OnBeforeResourceStarted(async (_, _, cancellationToken) =>
            {
                var addresses = await LocalProcessAddresses.ResolveAsync(endpointByService, cancellationToken);
                await WriteAsync(caddyDirectory, CaddyfileWriter.FileName, CaddyfileWriter.Write(stagingModel(), addresses, sharedMachine: true));
            });
    }

    // Caddy answers only its sites' names: the dashboard links to those, not to https://localhost:<port>.
    private static void WithSiteUrls(IResourceBuilder<ExecutableResource> caddy, IEnumerable<string> sites, string domain)
    {
        var port = caddy.GetEndpoint(HttpsEndpoint).Property(EndpointProperty.Port);
        caddy.WithUrlForEndpoint(HttpsEndpoint, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly);
        foreach (var site in sites)
        {
            caddy.WithUrl($"https://{site}.{domain}:{port}", site);
        }
    }

    // The process listens on the endpoint's target port; the orchestrator proxies the public port to it.
    private static IResourceBuilder<ExecutableResource> WithLoopbackListener(this IResourceBuilder<ExecutableResource> resource, string flag)
    {
        var endpoint = resource.GetEndpoint(HttpEndpoint);
        return resource.WithArgs(context =>
            context.Args.Add(ReferenceExpression.Create($"{flag}=127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}")));
    }

    // The model as the publisher sees it (services, container ports), so the writers get the same input as for the bundle.
    private static Task<StagingModel> ReadAsPublishedAsync(
        DistributedApplicationModel model, IServiceProvider services, CancellationToken cancellationToken) =>
        StagingModel.ReadAsync(
            model,
            new DistributedApplicationExecutionContext(new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Publish)
            {
                Services = services,
            }),
            cancellationToken);

    private static IResourceBuilder<ProjectResource> Project(IDistributedApplicationBuilder builder, string name) =>
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name));

    private static string WorkingDirectory(LocalStateDirectory state, string resourceName) =>
        Directory.CreateDirectory(state.For(resourceName)).FullName;

    private static Task WriteAsync(string directory, string fileName, string content) =>
        File.WriteAllTextAsync(Path.Combine(directory, fileName), content);
}
