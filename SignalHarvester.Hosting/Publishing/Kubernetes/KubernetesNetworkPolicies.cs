using SignalHarvester.Domain;
using k8s.Models;

namespace SignalHarvester.Hosting.Publishing.Kubernetes;

/// <summary>
/// Nothing reaches a pod of the namespace unless a policy lets it: the published services' main port from the ingress
/// controller (the API's also from the console), every HTTP service's management port from the monitoring namespace (Prometheus),
/// and PostgreSQL and Redis only from the pods labelled as their clients (the services whose environment uses them).
/// </summary>
internal static class KubernetesNetworkPolicies
{
    public static IEnumerable<V1NetworkPolicy> ForServices(StagingModel model)
    {
        yield return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = "default-deny-ingress", Labels = new Dictionary<string, string> { [KubernetesNames.PartOfLabel] = KubernetesNames.Namespace } },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"] },
        };

        foreach (var service in model.Services.Where(s => s.IsProject && s.HttpPorts.Count > 0))
        {
            var from = new List<V1NetworkPolicyPeer>();
            if (KubernetesWorkloads.IsPublished(service.Name))
            {
                from.Add(Namespace(KubernetesNames.IngressNamespace));
            }

            // The console reaches the API by service discovery.
            from.AddRange(model.Services
                .Where(s => s.IsProject && s.DependsOn.Any(d => d.Key == service.Name && d.Value == StartCondition.Started))
                .Select(s => new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = KubernetesNames.Selector(s.Name) } }));
            var rules = new List<V1NetworkPolicyIngressRule>();
            if (from.Count > 0)
            {
                rules.Add(Rule(KubernetesNames.HttpPort, from));
            }

            // Prometheus scrapes the management port only.
            rules.Add(Rule(KubernetesNames.ManagementPort, [Namespace(KubernetesNames.MonitoringNamespace)]));
            yield return Allow(service.Name, rules);
        }
    }

    /// <summary>A bundled backing service (the staging overlay's PostgreSQL or Redis) reachable only from its clients.</summary>
    public static V1NetworkPolicy ForBackingService(string name, int port, string clientLabel) =>
        Allow(name, [Rule(port, [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [clientLabel] = "true" } } }])]);

    private static V1NetworkPolicyIngressRule Rule(int port, List<V1NetworkPolicyPeer> from) =>
        new() { FromProperty = from, Ports = [new V1NetworkPolicyPort { Port = port, Protocol = "TCP" }] };

    private static V1NetworkPolicy Allow(string name, List<V1NetworkPolicyIngressRule> rules) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = KubernetesWorkloads.Metadata(name),
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = KubernetesNames.Selector(name) },
            PolicyTypes = ["Ingress"],
            Ingress = rules,
        },
    };

    private static V1NetworkPolicyPeer Namespace(string name) => new()
    {
        NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name } },
    };
}
