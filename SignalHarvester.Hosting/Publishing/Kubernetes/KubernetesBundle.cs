using System.Text;
using k8s;
using k8s.Models;

namespace SignalHarvester.Hosting.Publishing.Kubernetes;

/// <summary>
/// <c>deploy/kubernetes</c>, written from the same model as the staging bundle: a kustomize <c>base</c> (the
/// services, the migrations Job, settings, ingress, network policies) and two overlays: <c>staging</c> adds
/// PostgreSQL and Redis as StatefulSets and generates the Secret from a git-ignored file; <c>production</c>
/// uses managed ones (URLs in the Secret the operator creates) and scales further.
/// </summary>
internal static class KubernetesBundle
{
    public const string PublisherName = "kubernetes";

    private const string Header = "# Generated from the AppHost's application model: dotnet run --project SignalHarvester.AppHost -- --publisher kubernetes --output-path deploy/kubernetes\n" +
        "# Do not edit; change the AppHost (or SignalHarvester.Hosting/Publishing/Kubernetes) and regenerate.\n";

    /// <summary>The trusted proxies' default: the pod networks of common clusters (the ingress controller's pods are there).</summary>
    private const string DefaultTrustedNetworks = "10.0.0.0/8";

    public static void Write(StagingModel model, string directory)
    {
        foreach (var (name, content) in Files(model))
        {
            var path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            Console.WriteLine($"kubernetes: wrote {path}");
        }
    }

    public static SortedDictionary<string, string> Files(StagingModel model)
    {
        var projects = model.Services.Where(s => s.IsProject).ToList();
        var baseFiles = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["namespace.yaml"] = Documents(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = KubernetesNames.Namespace } }),
            ["settings.yaml"] = Documents(Settings(model)),
            ["ingress.yaml"] = Documents(KubernetesIngress.For(model)),
            ["network-policies.yaml"] = Documents([.. KubernetesNetworkPolicies.ForServices(model)]),
        };
        foreach (var service in projects)
        {
            baseFiles[$"{service.Name}.yaml"] = Documents([.. KubernetesWorkloads.For(model, service)]);
        }

        var claims = projects.SelectMany(s => s.Volumes.Select(v => v.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (claims.Count > 0)
        {
            baseFiles["storage.yaml"] = Documents([.. claims.Select(SharedClaim)]);
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, content) in baseFiles)
        {
            files[$"base/{name}"] = content;
        }

        files["base/kustomization.yaml"] = Kustomization(
            resources: baseFiles.Keys,
            extra: $"namespace: {KubernetesNames.Namespace}\nimages:\n" + string.Concat(projects.Select(s =>
                $"  - name: {KubernetesWorkloads.Image(s.Name)[..^":latest".Length]}\n    newTag: latest\n")));

        foreach (var name in KubernetesBackingServices.Names)
        {
            files[$"overlays/staging/{name}.yaml"] = Documents([.. KubernetesBackingServices.For(model, name)]);
        }

        files["overlays/staging/kustomization.yaml"] = Kustomization(
            resources: ["../../base", .. KubernetesBackingServices.Names.Select(n => $"{n}.yaml")],
            extra: $"namespace: {KubernetesNames.Namespace}\n" +
                "# cp secrets.env.example secrets.env and fill it in; secrets.env is git-ignored.\n" +
                $"secretGenerator:\n  - name: {KubernetesNames.Secrets}\n    envs:\n      - secrets.env\n    options:\n      disableNameSuffixHash: true\n");
        files["overlays/staging/secrets.env.example"] = SecretsExample(model);
        files["overlays/production/kustomization.yaml"] = Kustomization(
            resources: ["../../base"],
            extra: $"namespace: {KubernetesNames.Namespace}\n" +
                $"# The Secret {KubernetesNames.Secrets} is the operator's (kubectl create secret, External Secrets…): the keys of\n" +
                "# ../staging/secrets.env.example, with DATABASE_URL, APP_DATABASE_URL and REDIS_URL set to the managed services.\n" +
                "patches:\n" +
                "  - target:\n      kind: HorizontalPodAutoscaler\n      name: api\n    patch: |-\n" +
                "      - op: replace\n        path: /spec/maxReplicas\n        value: 12\n" +
                "  - target:\n      kind: Deployment\n      name: worker\n    patch: |-\n" +
                "      - op: replace\n        path: /spec/replicas\n        value: 3\n");
        return files;
    }

    private static V1ConfigMap Settings(StagingModel model)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal) { [KubernetesNames.TrustedNetworksKey] = DefaultTrustedNetworks };
        foreach (var parameter in model.Parameters.Where(p => !p.Secret))
        {
            data[parameter.Variable] = parameter.Default ?? "";
        }

        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = KubernetesWorkloads.Metadata(KubernetesNames.Settings),
            Data = data,
        };
    }

    // Shared by the API and the worker (snapshot files): every replica mounts it, so it must be ReadWriteMany.
    private static V1PersistentVolumeClaim SharedClaim(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = KubernetesWorkloads.Metadata(name),
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteMany"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("5Gi") } },
        },
    };

    private static string SecretsExample(StagingModel model)
    {
        var text = new StringBuilder(Header)
            .Append($"# The keys of the Secret {KubernetesNames.Secrets}. Generate passwords and keys with: openssl rand -hex 24\n");
        foreach (var parameter in model.Parameters.Where(p => p.Secret))
        {
            text.Append($"\n# {parameter.Name}: {(parameter.Required ? "required" : "optional credential: empty turns off what needs it")}.\n{parameter.Variable}=\n");
        }

        foreach (var variable in new[] { ExternalServices.DatabaseUrl, ExternalServices.ApplicationDatabaseUrl, ExternalServices.RedisUrl })
        {
            text.Append($"\n# Empty: the overlay's own server. A managed service's URL: see docs/operations/deployment.md.\n{variable}=\n");
        }

        return text.ToString();
    }

    private static string Kustomization(IEnumerable<string> resources, string extra) =>
        Header + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" + extra + "resources:\n" +
        string.Concat(resources.Select(r => $"  - {r}\n"));

    private static string Documents(params object[] objects) =>
        Header + string.Join("---\n", objects.Select(o => KubernetesYaml.Serialize(o).ReplaceLineEndings("\n").TrimEnd('\n') + "\n"));
}
