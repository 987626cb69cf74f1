namespace SignalHarvester.Hosting.Publishing.Kubernetes;

/// <summary>The names the Kubernetes bundle's objects share, so the workloads, policies and overlays agree.</summary>
internal static class KubernetesNames
{
    public const string Namespace = "signalharvester";

    /// <summary>The Secret every credential is read from; referenced, never written (the staging overlay generates it from a git-ignored file).</summary>
    public const string Secrets = "signalharvester-secrets";

    /// <summary>The ConfigMap with every setting's default (source modes, queries, LLM provider…).</summary>
    public const string Settings = "signalharvester-settings";

    public const string TlsSecret = "signalharvester-tls";

    /// <summary>The ConfigMap key with the networks the published services believe <c>X-Forwarded-For</c> from (the ingress controller's pods).</summary>
    public const string TrustedNetworksKey = "TRUSTED_PROXY_NETWORKS";

    public const string NameLabel = "app.kubernetes.io/name";
    public const string PartOfLabel = "app.kubernetes.io/part-of";

    /// <summary>On the pods that use PostgreSQL / Redis: the only ones the backing services' network policies let in.</summary>
    public const string DatabaseClientLabel = "signalharvester.io/database-client";
    public const string CacheClientLabel = "signalharvester.io/cache-client";

    /// <summary>The namespaces the ingress controller and the Prometheus that scrapes the services run in (overlays may change them).</summary>
    public const string IngressNamespace = "ingress-nginx";
    public const string MonitoringNamespace = "monitoring";

    /// <summary>The port the .NET images listen on (ASPNETCORE_HTTP_PORTS).</summary>
    public const int HttpPort = 8080;

    /// <summary>
    /// Readiness, start-up, the health report and metrics answer only here (ServiceDefaults' management port): probes
    /// and Prometheus reach it, the ingress does not, so the console's published host cannot show them.
    /// </summary>
    public const int ManagementPort = 8081;

    /// <summary>The user the .NET SDK container images run as ("app").</summary>
    public const long AppUser = 1654;

    public const string Domain = "signalharvester.example.com";

    public static IDictionary<string, string> Labels(string name) => new Dictionary<string, string>
    {
        [NameLabel] = name,
        [PartOfLabel] = Namespace,
    };

    public static IDictionary<string, string> Selector(string name) => new Dictionary<string, string> { [NameLabel] = name };
}
