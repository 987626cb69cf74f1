using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain;
using k8s.Models;

namespace SignalHarvester.Hosting.Publishing.Kubernetes;

/// <summary>
/// A service's environment as Kubernetes takes it: a parameter on its own is read from the Secret or the
/// settings ConfigMap (<c>valueFrom</c>); a value that embeds one (a connection string with a password)
/// refers to it as <c>$(VARIABLE)</c>, declared earlier in the list, where Kubernetes expands it. A managed
/// service's URL (<c>External__Database</c> from <c>DATABASE_URL</c>) is an optional key of the Secret.
/// </summary>
internal static class KubernetesEnvironment
{
    private const string HttpPortsVariable = "HTTP_PORTS";

    public static List<V1EnvVar> For(StagingModel model, StagingService service)
    {
        var embedded = new SortedDictionary<string, StagingParameter>(StringComparer.Ordinal);
        var sourced = new List<V1EnvVar>();
        var values = new List<V1EnvVar>();
        foreach (var (name, value) in service.Values)
        {
            var referenced = new List<StagingParameter>();
            var style = new RenderStyle(
                parameter =>
                {
                    referenced.Add(parameter);
                    return $"$({parameter.Variable})";
                },
                // Kubernetes would expand a literal $(NAME); $$( keeps it as written.
                text => text.Replace("$(", "$$(", StringComparison.Ordinal));
            var rendered = model.Render(value, style);
            if (referenced is [var only] && rendered == $"$({only.Variable})")
            {
                // The parameter and nothing else (the API key, a password Aspire hands over by itself): read it directly.
                sourced.Add(new V1EnvVar { Name = name, ValueFrom = Source(only) });
                continue;
            }

            referenced.ForEach(p => embedded[p.Variable] = p);
            values.Add(new V1EnvVar { Name = name, Value = rendered });
        }

        if (service.HttpPorts.Count > 0)
        {
            // Kestrel listens on both (the model's HTTP_PORTS names the first); health beyond liveness and metrics
            // answer only on the management port.
            values.RemoveAll(e => e.Name == HttpPortsVariable);
            values.Add(new V1EnvVar { Name = HttpPortsVariable, Value = $"{KubernetesNames.HttpPort};{KubernetesNames.ManagementPort}" });
            values.Add(new V1EnvVar { Name = Microsoft.Extensions.Hosting.Extensions.ManagementPortKey.Replace(":", "__", StringComparison.Ordinal), Value = $"{KubernetesNames.ManagementPort}" });
        }

        sourced.AddRange(service.ExternalSettings.Select(e => new V1EnvVar { Name = e.Setting, ValueFrom = SecretKey(e.Variable, optional: true) }));
        if (KubernetesWorkloads.IsPublished(service.Name))
        {
            sourced.Add(new V1EnvVar
            {
                Name = "ForwardedHeaders__TrustedNetworks__0",
                ValueFrom = ConfigMapKey(KubernetesNames.TrustedNetworksKey),
            });
        }

        foreach (var parameter in embedded.Values)
        {
            // An optional credential left out of the Secret would stay "$(NAME)" inside the value: only required ones may be embedded.
            if (!parameter.Required && parameter.Default is null)
            {
                throw new InvalidOperationException($"{service.Name}: an optional parameter ({parameter.Variable}) inside a composite value has no Kubernetes form.");
            }

            if (!sourced.Any(e => e.Name == parameter.Variable))
            {
                sourced.Add(new V1EnvVar { Name = parameter.Variable, ValueFrom = Source(parameter) });
            }
        }

        // Sources first: Kubernetes expands $(NAME) only from entries before the one that uses it.
        return [.. sourced.OrderBy(e => e.Name, StringComparer.Ordinal), .. values.OrderBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// What the schema check before a service starts needs of its environment: its database connection (and
    /// managed replacement) and the variables they embed; not the API key or the cache password.
    /// </summary>
    public static List<V1EnvVar> ForSchemaCheck(List<V1EnvVar> environment)
    {
        string[] connections = [$"ConnectionStrings__{ResourceNames.Database}", ConnectionStringSettings.ExternalDatabase.Replace(":", "__", StringComparison.Ordinal)];
        var needed = environment.Where(e => connections.Contains(e.Name)).ToList();
        var embedded = needed.Where(e => e.Value is not null)
            .SelectMany(e => environment.Where(source => source.ValueFrom is not null && e.Value.Contains($"$({source.Name})", StringComparison.Ordinal)))
            .ToList();
        return environment.Where(e => needed.Contains(e) || embedded.Contains(e)).ToList();
    }

    /// <summary>Whether a service's environment uses the database (its pods may reach PostgreSQL) or the cache.</summary>
    public static bool Uses(StagingService service, string connectionName) =>
        service.Values.Any(e => e.Key == $"ConnectionStrings__{connectionName}");

    public static bool UsesDatabase(StagingService service) => Uses(service, ResourceNames.Database);

    public static bool UsesCache(StagingService service) => Uses(service, ResourceNames.Cache);

    private static V1EnvVarSource Source(StagingParameter parameter) => parameter.Secret
        ? SecretKey(parameter.Variable, optional: !parameter.Required)
        : ConfigMapKey(parameter.Variable);

    private static V1EnvVarSource ConfigMapKey(string key) =>
        new() { ConfigMapKeyRef = new V1ConfigMapKeySelector { Key = key, Name = KubernetesNames.Settings } };

    private static V1EnvVarSource SecretKey(string key, bool optional) =>
        new() { SecretKeyRef = new V1SecretKeySelector { Key = key, Name = KubernetesNames.Secrets, Optional = optional } };
}
