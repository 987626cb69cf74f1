using SignalHarvester.Domain;
using k8s.Models;

namespace SignalHarvester.Hosting.Publishing.Kubernetes;

/// <summary>
/// The model's .NET services as workloads: a one-shot (the migrations, which the others wait to complete) is a
/// Job; every other is a Deployment with a Service, a PodDisruptionBudget, probes on <c>/health/startup|live|ready</c>,
/// requests and limits, and a locked-down security context. A service that waits for the migrations starts only
/// after an init container has run the migration service's <c>check</c> against its own connection: the
/// Kubernetes form of <c>WaitForCompletion</c>, so a rollout never runs new code against an unmigrated schema.
/// </summary>
internal static class KubernetesWorkloads
{
    private const string HttpPortName = "http";
    private const string ManagementPortName = "management";
    private const string TmpVolume = "tmp";

    /// <summary>Replicas of the long-running services; the API also scales with CPU.</summary>
    private static readonly Dictionary<string, int> Replicas = new(StringComparer.Ordinal)
    {
        [ResourceNames.Api] = 2,
        [ResourceNames.Worker] = 2,
        [ResourceNames.Web] = 2,
    };

    public const int ApiMaxReplicas = 6;

    public static bool IsPublished(string service) => CaddyfileWriter.PublicSites.Values.Contains(service);

    /// <summary>The objects of one service, in the order <c>kubectl apply</c> wants them.</summary>
    public static IEnumerable<object> For(StagingModel model, StagingService service)
    {
        var pod = PodTemplate(model, service);
        if (service.IsOneShot)
        {
            pod.Spec.RestartPolicy = "OnFailure";
            yield return new V1Job
            {
                ApiVersion = "batch/v1",
                Kind = "Job",
                Metadata = Metadata(service.Name),
                // Migrations retry their own connection for a minute; the Job retries the whole run a few times more.
                Spec = new V1JobSpec { BackoffLimit = 6, Template = pod },
            };
            yield break;
        }

        yield return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Metadata(service.Name),
            Spec = new V1DeploymentSpec
            {
                Replicas = Replicas.GetValueOrDefault(service.Name, 1),
                Selector = new V1LabelSelector { MatchLabels = KubernetesNames.Selector(service.Name) },
                // One new pod at a time, none taken away first: capacity never drops during a rollout.
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 0 },
                },
                Template = pod,
            },
        };
        if (service.HttpPorts.Count > 0)
        {
            yield return new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = Metadata(service.Name),
                Spec = new V1ServiceSpec
                {
                    Selector = KubernetesNames.Selector(service.Name),
                    Ports = [new V1ServicePort { Port = KubernetesNames.HttpPort, Name = HttpPortName, TargetPort = HttpPortName }],
                },
            };
        }

        yield return new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = Metadata(service.Name),
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new V1LabelSelector { MatchLabels = KubernetesNames.Selector(service.Name) } },
        };
        if (service.Name == ResourceNames.Api)
        {
            yield return new V2HorizontalPodAutoscaler
            {
                ApiVersion = "autoscaling/v2",
                Kind = "HorizontalPodAutoscaler",
                Metadata = Metadata(service.Name),
                Spec = new V2HorizontalPodAutoscalerSpec
                {
                    ScaleTargetRef = new V2CrossVersionObjectReference { Kind = "Deployment", Name = service.Name, ApiVersion = "apps/v1" },
                    MinReplicas = Replicas[service.Name],
                    MaxReplicas = ApiMaxReplicas,
                    Metrics =
                    [
                        new V2MetricSpec
                        {
                            Type = "Resource",
                            Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 70 } },
                        },
                    ],
                },
            };
        }
    }

    public static V1ObjectMeta Metadata(string name, IDictionary<string, string>? extraLabels = null)
    {
        var labels = KubernetesNames.Labels(name);
        foreach (var (key, value) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        return new V1ObjectMeta { Name = name, Labels = labels };
    }

    private static V1PodTemplateSpec PodTemplate(StagingModel model, StagingService service)
    {
        var environment = KubernetesEnvironment.For(model, service);
        var labels = KubernetesNames.Labels(service.Name);
        if (KubernetesEnvironment.UsesDatabase(service))
        {
            labels[KubernetesNames.DatabaseClientLabel] = "true";
        }

        if (KubernetesEnvironment.UsesCache(service))
        {
            labels[KubernetesNames.CacheClientLabel] = "true";
        }

        var volumes = new List<V1Volume> { new() { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource() } };
        var mounts = new List<V1VolumeMount> { new() { MountPath = "/tmp", Name = TmpVolume } };
        foreach (var (volume, target) in service.Volumes)
        {
            volumes.Add(new V1Volume { Name = volume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = volume } });
            mounts.Add(new V1VolumeMount { MountPath = target, Name = volume });
        }

        var container = Container(service.Name, Image(service.Name), environment, mounts);
        container.Args = service.Command.Count > 0 ? [.. service.Command] : null;
        if (service.HttpPorts.Count > 0)
        {
            container.Ports =
            [
                new V1ContainerPort { ContainerPort = KubernetesNames.HttpPort, Name = HttpPortName },
                new V1ContainerPort { ContainerPort = KubernetesNames.ManagementPort, Name = ManagementPortName },
            ];
            container.StartupProbe = Probe("/health/startup", periodSeconds: 2, failureThreshold: 60);
            container.LivenessProbe = Probe("/health/live", periodSeconds: 10, failureThreshold: 3);
            container.ReadinessProbe = Probe("/health/ready", periodSeconds: 5, failureThreshold: 3);
        }

        var waitsForMigrations = service.DependsOn.Any(d => d.Value == StartCondition.CompletedSuccessfully);
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = labels },
            Spec = new V1PodSpec
            {
                SecurityContext = PodSecurity(KubernetesNames.AppUser),
                AutomountServiceAccountToken = false,
                InitContainers = waitsForMigrations
                    ? [Container("wait-for-schema", Image(ResourceNames.Migrations), KubernetesEnvironment.ForSchemaCheck(environment),
                        [new V1VolumeMount { MountPath = "/tmp", Name = TmpVolume }], args: ["check"])]
                    : null,
                Containers = [container],
                Volumes = volumes,
            },
        };
    }

    private static V1Container Container(string name, string image, List<V1EnvVar> environment, List<V1VolumeMount> mounts, List<string>? args = null) => new()
    {
        Name = name,
        Image = image,
        Args = args,
        Env = environment,
        VolumeMounts = mounts,
        Resources = Resources(memoryLimit: "768Mi"),
        SecurityContext = Restricted(),
    };

    /// <summary>A pod that runs as <paramref name="user"/>, never root, under the runtime's default seccomp profile.</summary>
    public static V1PodSecurityContext PodSecurity(long user) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = user,
        FsGroup = user,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>A container that cannot write its image, gain privileges or use any capability.</summary>
    public static V1SecurityContext Restricted() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    public static V1ResourceRequirements Resources(string memoryLimit) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("256Mi") },
        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new(memoryLimit) },
    };

    private static V1Probe Probe(string path, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Port = ManagementPortName, Path = path },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 3,
        FailureThreshold = failureThreshold,
    };

    /// <summary>The image a kustomization retags (<c>images:</c>); <c>build-images.sh</c> builds them.</summary>
    public static string Image(string service) => $"{StagingModel.ImagePrefix}{service}:latest";
}
