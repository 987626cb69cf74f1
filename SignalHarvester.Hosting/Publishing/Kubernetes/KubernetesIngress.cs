using k8s.Models;

namespace SignalHarvester.Hosting.Publishing.Kubernetes;

/// <summary>
/// The public surface, as the staging bundle's Caddy publishes it: of the API only its public paths
/// (<see cref="CaddyfileWriter.ApiPublicPaths"/>), the console at <c>app.&lt;domain&gt;</c>; TLS from the
/// <c>signalharvester-tls</c> Secret (cert-manager or the operator provides it).
/// </summary>
internal static class KubernetesIngress
{
    public static V1Ingress For(StagingModel model)
    {
        var rules = CaddyfileWriter.PublicSites
            .Where(site => model.Services.Any(s => s.Name == site.Value))
            .Select(site => new V1IngressRule
            {
                Host = $"{site.Key}.{KubernetesNames.Domain}",
                Http = new V1HTTPIngressRuleValue
                {
                    Paths = site.Value == CaddyfileWriter.PublicService ? ApiPaths(site.Value) : [Path("/", "Prefix", site.Value)],
                },
            })
            .ToList();
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = KubernetesWorkloads.Metadata(KubernetesNames.Namespace),
            Spec = new V1IngressSpec
            {
                IngressClassName = "nginx",
                Tls = [new V1IngressTLS { Hosts = rules.Select(r => r.Host).ToList(), SecretName = KubernetesNames.TlsSecret }],
                Rules = rules,
            },
        };
    }

    // "/api/*" is a prefix, "/health/live" exactly that path; a path published both ways needs only the prefix.
    private static List<V1HTTPIngressPath> ApiPaths(string service)
    {
        var paths = CaddyfileWriter.ApiPublicPaths
            .Select(p => p.EndsWith("/*", StringComparison.Ordinal) ? (Path: p[..^2], Type: "Prefix") : (Path: p, Type: "Exact"))
            .ToList();
        return paths
            .Where(p => p.Type == "Prefix" || !paths.Contains((p.Path, "Prefix")))
            .Select(p => Path(p.Path, p.Type, service))
            .ToList();
    }

    private static V1HTTPIngressPath Path(string path, string type, string service) => new()
    {
        Path = path,
        PathType = type,
        Backend = new V1IngressBackend
        {
            Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = KubernetesNames.HttpPort } },
        },
    };
}
