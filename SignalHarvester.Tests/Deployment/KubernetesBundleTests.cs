using System.Globalization;
using SignalHarvester.Domain;
using k8s;
using k8s.Models;

namespace SignalHarvester.Tests.Deployment;

/// <summary>
/// The Kubernetes bundle (<c>--publisher kubernetes</c>): checked in as generated, valid against the Kubernetes
/// schemas without a cluster, and wired as the model says: the schema gates the services, probes, replicas,
/// locked-down pods, and only the database's and the cache's clients may reach them.
/// </summary>
public sealed class KubernetesBundleTests(GeneratedKubernetesBundle bundle) : IClassFixture<GeneratedKubernetesBundle>
{
    private static readonly string ValidatorDirectory = Path.Combine(Tool.RepositoryRoot(), "eng", "kubernetes-validate");

    [Fact]
    public Task Checked_in_bundle_is_what_the_apphost_generates() => bundle.AssertCheckedInIsCurrentAsync();

    [Fact]
    public async Task Every_object_passes_the_kubernetes_schemas()
    {
        var files = Manifests().ToList();

        var result = await ValidateAsync(files.Select(f => Path.Combine(bundle.Directory, f)));

        Assert.True(result.ExitCode == 0, result.ToString());
        var checkedObjects = result.Output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal));
        Assert.Equal(Objects().Count(), checkedObjects);
        Assert.True(checkedObjects >= 20, $"only {checkedObjects} objects checked");
    }

    [Fact]
    public async Task The_validator_refuses_an_object_that_breaks_the_schema()
    {
        var directory = Directory.CreateTempSubdirectory("kubernetes-validate-").FullName;
        try
        {
            var broken = bundle.Read("base/api.yaml").Replace("replicas: 2", "replicas: two", StringComparison.Ordinal);
            var file = Path.Combine(directory, "api.yaml");
            await File.WriteAllTextAsync(file, broken);

            var result = await ValidateAsync([file]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("error", result.Output, StringComparison.Ordinal);
            Assert.Contains("Deployment/api", result.Output, StringComparison.Ordinal);
            Assert.Contains("replicas must be integer", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Every_object_loads_as_its_typed_model_with_no_unknown_field()
    {
        foreach (var file in Manifests())
        {
            // Strict: a field the Kubernetes API does not define (a misspelling) throws.
            var objects = KubernetesYaml.LoadAllFromString(bundle.Read(file), typeMap: null, strict: true);
            Assert.NotEmpty(objects);
        }
    }

    [Fact]
    public void Api_and_worker_start_only_after_the_schema_check_passes_with_their_own_connection()
    {
        var migrations = Assert.Single(Objects().OfType<V1Job>());
        Assert.Equal(ResourceNames.Migrations, migrations.Metadata.Name);
        Assert.Equal("OnFailure", migrations.Spec.Template.Spec.RestartPolicy);
        Assert.Contains(migrations.Spec.Template.Spec.Containers.Single().Env, e => e.Name == $"ConnectionStrings__{ResourceNames.ApplicationDatabase}");

        foreach (var name in new[] { ResourceNames.Api, ResourceNames.Worker })
        {
            var pod = Deployment(name).Spec.Template.Spec;
            var gate = Assert.Single(pod.InitContainers);
            Assert.Equal("signalharvester/migrations:latest", gate.Image);
            Assert.Equal(["check"], gate.Args);
            var connection = Assert.Single(gate.Env, e => e.Name == $"ConnectionStrings__{ResourceNames.Database}").Value;
            Assert.Contains("Username=harvest_app;Password=$(HARVEST_APP_PASSWORD)", connection, StringComparison.Ordinal);
            // The check runs with the application role's rights, and nothing else of the service's secrets.
            Assert.Equal(["External__Database", "HARVEST_APP_PASSWORD", $"ConnectionStrings__{ResourceNames.Database}"], gate.Env.Select(e => e.Name));
            Assert.Equal("APP_DATABASE_URL", gate.Env[0].ValueFrom.SecretKeyRef.Key);
            Assert.DoesNotContain(pod.Containers.Single().Env, e => e.ValueFrom?.SecretKeyRef?.Key == "POSTGRES_PASSWORD");
        }

        Assert.Null(Deployment(ResourceNames.Web).Spec.Template.Spec.InitContainers);
    }

    [Fact]
    public void Services_run_replicated_with_probes_limits_and_locked_down_pods()
    {
        foreach (var name in new[] { ResourceNames.Api, ResourceNames.Worker, ResourceNames.Web })
        {
            var deployment = Deployment(name);
            Assert.True(deployment.Spec.Replicas >= 2, $"{name}: {deployment.Spec.Replicas} replicas");
            Assert.Equal(0, int.Parse(deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value));
            var container = deployment.Spec.Template.Spec.Containers.Single();
            Assert.Equal("/health/startup", container.StartupProbe.HttpGet.Path);
            Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
            // Probes use the management port, the only one where readiness answers (ManagementPortTests).
            var management = Assert.Single(container.Ports, p => p.Name == container.ReadinessProbe.HttpGet.Port.Value).ContainerPort;
            Assert.All(new[] { container.StartupProbe, container.LivenessProbe }, probe => Assert.Equal(container.ReadinessProbe.HttpGet.Port.Value, probe.HttpGet.Port.Value));
            Assert.Equal(management.ToString(CultureInfo.InvariantCulture), container.Env.Single(e => e.Name == "ServiceDefaults__ManagementPort").Value);
            Assert.Contains(management.ToString(CultureInfo.InvariantCulture), container.Env.Single(e => e.Name == "HTTP_PORTS").Value.Split(';'));
            var budget = Assert.Single(Objects().OfType<V1PodDisruptionBudget>(), b => b.Metadata.Name == name);
            Assert.Equal(1, int.Parse(budget.Spec.MinAvailable.Value));
        }

        var autoscaler = Assert.Single(Objects().OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal(ResourceNames.Api, autoscaler.Spec.ScaleTargetRef.Name);
        Assert.True(autoscaler.Spec.MaxReplicas > autoscaler.Spec.MinReplicas);

        var pods = Objects().OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template.Spec))
            .Concat(Objects().OfType<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template.Spec)))
            .Concat(Objects().OfType<V1Job>().Select(j => (j.Metadata.Name, j.Spec.Template.Spec)))
            .ToList();
        Assert.Equal(6, pods.Count); // api, web, worker, postgres, cache, migrations
        foreach (var (name, pod) in pods)
        {
            Assert.True(pod.SecurityContext.RunAsNonRoot, $"{name} may run as root");
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            Assert.False(pod.AutomountServiceAccountToken, $"{name} mounts a service account token");
            foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                Assert.True(container.SecurityContext.ReadOnlyRootFilesystem, $"{name}/{container.Name}: writable root filesystem");
                Assert.False(container.SecurityContext.AllowPrivilegeEscalation, $"{name}/{container.Name}: privilege escalation");
                Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
                Assert.Equal(["cpu", "memory"], container.Resources.Requests.Keys.Order());
                Assert.Equal(["cpu", "memory"], container.Resources.Limits.Keys.Order());
            }
        }
    }

    [Fact]
    public void Only_the_database_and_cache_clients_may_reach_postgres_and_redis()
    {
        var policies = Objects().OfType<V1NetworkPolicy>().ToList();
        var denyAll = Assert.Single(policies, p => p.Metadata.Name == "default-deny-ingress");
        Assert.Empty(denyAll.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal(["Ingress"], denyAll.Spec.PolicyTypes);

        var labelled = Objects().OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template.Metadata.Labels))
            .Concat(Objects().OfType<V1Job>().Select(j => (j.Metadata.Name, j.Spec.Template.Metadata.Labels)))
            .ToList();
        foreach (var (server, port, label, clients) in new[]
        {
            (ResourceNames.Postgres, 5432, "signalharvester.io/database-client", new[] { ResourceNames.Api, ResourceNames.Migrations, ResourceNames.Worker }),
            (ResourceNames.Cache, 6379, "signalharvester.io/cache-client", new[] { ResourceNames.Api, ResourceNames.Worker }),
        })
        {
            var policy = Assert.Single(policies, p => p.Metadata.Name == server);
            var rule = Assert.Single(policy.Spec.Ingress);
            Assert.Equal(new Dictionary<string, string> { [label] = "true" }, Assert.Single(rule.FromProperty).PodSelector.MatchLabels);
            Assert.Null(Assert.Single(rule.FromProperty).NamespaceSelector);
            Assert.Equal(port, int.Parse(Assert.Single(rule.Ports).Port.Value));
            Assert.Equal(clients, labelled.Where(l => l.Labels.ContainsKey(label)).Select(l => l.Name).Order(StringComparer.Ordinal));
        }

        // The console is published but reaches neither server; the API's main port lets in the console and the ingress
        // controller; Prometheus reaches only the management port, where metrics answer, and nothing else does.
        int PortOf(string service, string portName) => Deployment(service).Spec.Template.Spec.Containers.Single().Ports.Single(p => p.Name == portName).ContainerPort;
        List<V1NetworkPolicyPeer> From(string service, int port) =>
            Assert.Single(Assert.Single(policies, p => p.Metadata.Name == service).Spec.Ingress, r => int.Parse(Assert.Single(r.Ports).Port.Value) == port).FromProperty.ToList();
        var api = From(ResourceNames.Api, PortOf(ResourceNames.Api, "http"));
        Assert.Equal(2, api.Count);
        Assert.Contains(api, peer => peer.PodSelector?.MatchLabels["app.kubernetes.io/name"] == ResourceNames.Web);
        Assert.Contains(api, peer => peer.NamespaceSelector?.MatchLabels["kubernetes.io/metadata.name"] == "ingress-nginx");
        foreach (var service in new[] { ResourceNames.Api, ResourceNames.Web, ResourceNames.Worker })
        {
            var scrape = From(service, PortOf(service, "management"));
            Assert.Equal("monitoring", Assert.Single(scrape).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        }

        // The worker is published to no one: only its management port is open, to Prometheus.
        Assert.Single(Assert.Single(policies, p => p.Metadata.Name == ResourceNames.Worker).Spec.Ingress);
    }

    [Fact]
    public async Task Secrets_are_referenced_never_written_and_the_example_names_every_key()
    {
        Assert.DoesNotContain(Objects(), o => o is V1Secret);
        var example = bundle.Read("overlays/staging/secrets.env.example").Split('\n').Where(l => l.EndsWith('=')).Select(l => l[..^1]).ToHashSet();
        var referenced = Objects().OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers.Concat(d.Spec.Template.Spec.InitContainers ?? []))
            .Concat(Objects().OfType<V1StatefulSet>().SelectMany(s => s.Spec.Template.Spec.Containers))
            .Concat(Objects().OfType<V1Job>().SelectMany(j => j.Spec.Template.Spec.Containers))
            .SelectMany(c => c.Env)
            .Where(e => e.ValueFrom?.SecretKeyRef is not null)
            .Select(e => e.ValueFrom.SecretKeyRef)
            .ToList();

        Assert.All(referenced, key => Assert.Equal("signalharvester-secrets", key.Name));
        Assert.Subset(example, referenced.Select(k => k.Key).ToHashSet());
        Assert.Contains("HARVEST_APP_PASSWORD", example);
        Assert.Contains("secrets.env", bundle.Read("overlays/staging/kustomization.yaml"), StringComparison.Ordinal);
        var ignored = await Tool.RunAsync("git", ["check-ignore", "deploy/kubernetes/overlays/staging/secrets.env"], Tool.RepositoryRoot());
        Assert.True(ignored.ExitCode == 0, "secrets.env must be git-ignored");
    }

    private IEnumerable<string> Manifests() => bundle.Files().Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) && Path.GetFileName(f) != "kustomization.yaml");

    private IEnumerable<object> Objects() => Manifests().SelectMany(f => KubernetesYaml.LoadAllFromString(bundle.Read(f)));

    private V1Deployment Deployment(string name) => Assert.Single(Objects().OfType<V1Deployment>(), d => d.Metadata.Name == name);

    private static async Task<Tool.Result> ValidateAsync(IEnumerable<string> files)
    {
        await Tool.EnsureNpmPackagesAsync(ValidatorDirectory, Path.Combine(ValidatorDirectory, "node_modules", "kubernetes-models"), "the schema validator");
        return await Tool.RunAsync("node", ["validate.mjs", .. files], ValidatorDirectory);
    }
}
