using SignalHarvester.Domain;
using k8s.Models;

namespace SignalHarvester.Hosting.Publishing.Kubernetes;

/// <summary>
/// PostgreSQL and Redis as StatefulSets for a self-contained staging cluster (the staging overlay; production
/// points the services at managed ones instead): the model's images, environment, start command and probe,
/// a volume claim for the data, and a network policy that lets in only their clients.
/// </summary>
internal static class KubernetesBackingServices
{
    private static readonly Dictionary<string, (int Port, string ClientLabel, long User)> Servers = new(StringComparer.Ordinal)
    {
        // The official images run as postgres / redis, uid 999.
        [ResourceNames.Postgres] = (5432, KubernetesNames.DatabaseClientLabel, 999),
        [ResourceNames.Cache] = (6379, KubernetesNames.CacheClientLabel, 999),
    };

    public static IEnumerable<string> Names => Servers.Keys.Order(StringComparer.Ordinal);

    public static IEnumerable<object> For(StagingModel model, string name)
    {
        var service = model.Service(name);
        var (port, clientLabel, user) = Servers[name];
        var environment = KubernetesEnvironment.For(model, service);
        var mounts = service.Volumes.Select(v => new V1VolumeMount { MountPath = v.Value, Name = v.Key }).ToList();
        if (name == ResourceNames.Postgres)
        {
            // A fresh volume's root holds lost+found, which initdb refuses: the cluster lives one level down.
            environment.Add(new V1EnvVar { Name = "PGDATA", Value = $"{service.Volumes.Single().Value}/pgdata" });
            mounts.Add(new V1VolumeMount { MountPath = "/var/run/postgresql", Name = "run" });
        }

        var container = new V1Container
        {
            Name = name,
            Image = service.Image,
            Command = service.Entrypoint is { } entrypoint ? [entrypoint] : null,
            Args = service.Command.Count > 0 ? service.Command.Select(Unescape).ToList() : null,
            Env = environment,
            Ports = [new V1ContainerPort { ContainerPort = port, Name = "tcp" }],
            ReadinessProbe = service.HealthCheck is ["CMD-SHELL", var check]
                ? new V1Probe { Exec = new V1ExecAction { Command = ["sh", "-c", Unescape(check)] }, PeriodSeconds = 5, TimeoutSeconds = 5 }
                : null,
            VolumeMounts = [.. mounts, new V1VolumeMount { MountPath = "/tmp", Name = "tmp" }],
            Resources = KubernetesWorkloads.Resources(memoryLimit: "1Gi"),
            SecurityContext = KubernetesWorkloads.Restricted(),
        };
        yield return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = KubernetesWorkloads.Metadata(name),
            Spec = new V1StatefulSetSpec
            {
                ServiceName = name,
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = KubernetesNames.Selector(name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = KubernetesNames.Labels(name) },
                    Spec = new V1PodSpec
                    {
                        SecurityContext = KubernetesWorkloads.PodSecurity(user),
                        AutomountServiceAccountToken = false,
                        Containers = [container],
                        Volumes = name == ResourceNames.Postgres ? [EmptyDirectory("tmp"), EmptyDirectory("run")] : [EmptyDirectory("tmp")],
                    },
                },
                VolumeClaimTemplates = service.Volumes.Select(v => new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = v.Key },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("10Gi") } },
                    },
                }).ToList(),
            },
        };
        yield return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = KubernetesWorkloads.Metadata(name),
            Spec = new V1ServiceSpec
            {
                Selector = KubernetesNames.Selector(name),
                Ports = [new V1ServicePort { Port = port, Name = "tcp", TargetPort = "tcp" }],
            },
        };
        yield return KubernetesNetworkPolicies.ForBackingService(name, port, clientLabel);
    }

    private static V1Volume EmptyDirectory(string name) => new() { Name = name, EmptyDir = new V1EmptyDirVolumeSource() };

    // The model's commands are written for compose, where $$ is a literal $; Kubernetes leaves $NAME alone.
    private static string Unescape(string composeText) => composeText.Replace("$$", "$", StringComparison.Ordinal);
}
