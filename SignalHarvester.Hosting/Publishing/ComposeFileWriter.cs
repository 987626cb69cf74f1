namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// <c>docker-compose.staging.yml</c>: the model's services (depends_on from its wait annotations)
/// plus the monitoring and edge services, on an <c>app</c>, a <c>monitoring</c> and an <c>edge</c> network. Caddy
/// is on <c>edge</c> (and <c>monitoring</c>), never <c>app</c>, and reaches the services it publishes by their edge
/// alias; those services believe <c>X-Forwarded-For</c> only from the edge subnet, so nothing else on the
/// networks can name its own client address.
/// </summary>
internal static class ComposeFileWriter
{
    public const string FileName = "docker-compose.staging.yml";

    private const string AppNetwork = "app";
    private const string MonitoringNetwork = "monitoring";
    private const string EdgeNetwork = "edge";

    /// <summary>The name a published service has on the edge network only, so Caddy's requests arrive from the edge subnet.</summary>
    public static string EdgeAlias(string service) => $"{service}.{EdgeNetwork}";

    private static bool IsPublished(string service) => CaddyfileWriter.PublicSites.Values.Contains(service);

    public static string Write(StagingModel model)
    {
        var yaml = new YamlText()
            .Comment("Generated from the AppHost's application model: dotnet run --project SignalHarvester.AppHost -- --publisher staging --output-path deploy/staging")
            .Comment("Do not edit; change the AppHost (or SignalHarvester.Hosting/Publishing) and regenerate.");
        var volumes = new SortedSet<string>(StringComparer.Ordinal);
        yaml.Block("services", () =>
        {
            foreach (var service in model.Services)
            {
                WriteModelService(yaml, model, service);
                volumes.UnionWith(service.Volumes.Select(v => v.Key));
            }

            WriteMonitoring(yaml, model);
        });
        volumes.UnionWith(["alertmanager-data", "caddy-config", "caddy-data", "grafana-data", "prometheus-data"]);
        yaml.Block("networks", () =>
        {
            yaml.Raw($"{AppNetwork}: {{}}");
            yaml.Block(EdgeNetwork, () => yaml.Block("ipam", () =>
            {
                yaml.Key("config");
                yaml.Indented(() => yaml.Raw($"- subnet: {YamlText.Quote(StagingVariables.EdgeSubnetValue)}"));
            }));
            yaml.Raw($"{MonitoringNetwork}: {{}}");
        });
        yaml.Block("volumes", () =>
        {
            foreach (var volume in volumes)
            {
                yaml.Raw($"{volume}: {{}}");
            }
        });
        return yaml.ToString();
    }

    private static void WriteModelService(YamlText yaml, StagingModel model, StagingService service)
    {
        yaml.Block(service.Name, () =>
        {
            yaml.Value("image", service.Image);
            if (service.Profile is { } profile)
            {
                yaml.List("profiles", [profile]);
            }

            // A one-shot (something waits for its completion) must not be restarted after it exits 0.
            yaml.Value("restart", service.IsOneShot ? "no" : "unless-stopped");
            if (service.Entrypoint is { } entrypoint)
            {
                yaml.Value("entrypoint", entrypoint);
            }

            yaml.List("command", service.Command);
            yaml.Map("environment", IsPublished(service.Name)
                ? service.Environment.Append(new("ForwardedHeaders__TrustedNetworks__0", StagingVariables.EdgeSubnetValue)).OrderBy(e => e.Key, StringComparer.Ordinal)
                : service.Environment);
            if (service.DependsOn.Count > 0)
            {
                yaml.Block("depends_on", () =>
                {
                    foreach (var (dependency, condition) in service.DependsOn)
                    {
                        if (condition == StartCondition.Healthy && model.Service(dependency).HealthCheck is null)
                        {
                            throw new InvalidOperationException(
                                $"{service.Name} waits for {dependency}, which has no container healthcheck: add one in StagingModel.HealthCheckFor.");
                        }

                        yaml.Block(dependency, () => yaml.Value("condition", condition switch
                        {
                            StartCondition.Healthy => "service_healthy",
                            StartCondition.Started => "service_started",
                            _ => "service_completed_successfully",
                        }));
                    }
                });
            }

            if (service.HealthCheck is { } healthCheck)
            {
                yaml.Block("healthcheck", () =>
                {
                    yaml.List("test", healthCheck);
                    yaml.Value("interval", "5s");
                    yaml.Value("timeout", "5s");
                    yaml.Raw("retries: 12");
                });
            }

            yaml.List("volumes", service.Volumes.Select(v => $"{v.Key}:{v.Value}").Concat(service.Binds));
            // Prometheus scrapes the HTTP services, so those join the monitoring network too; Caddy reaches the
            // published ones on the edge network.
            if (IsPublished(service.Name))
            {
                yaml.Block("networks", () =>
                {
                    yaml.Raw($"{AppNetwork}: {{}}");
                    yaml.Block(EdgeNetwork, () => yaml.List("aliases", [EdgeAlias(service.Name)]));
                    yaml.Raw($"{MonitoringNetwork}: {{}}");
                });
            }
            else
            {
                yaml.List("networks", service.HttpPorts.Count > 0 ? [AppNetwork, MonitoringNetwork] : [AppNetwork]);
            }
        });
    }

    private static void WriteMonitoring(YamlText yaml, StagingModel model)
    {
        yaml.Block("prometheus", () =>
        {
            yaml.Value("image", "prom/prometheus:v2.53.2");
            yaml.Value("restart", "unless-stopped");
            yaml.List("command", ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus", "--storage.tsdb.retention.time=15d"]);
            yaml.List("volumes", [$"./{PrometheusConfigWriter.FileName}:/etc/prometheus/prometheus.yml:ro", $"./{AlertRulesWriter.FileName}:/etc/prometheus/alerts.yml:ro", "prometheus-data:/prometheus"]);
            yaml.List("networks", [MonitoringNetwork]);
        });
        yaml.Block("alertmanager", () =>
        {
            yaml.Value("image", "prom/alertmanager:v0.27.0");
            yaml.Value("restart", "unless-stopped");
            yaml.List("command", ["--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager"]);
            yaml.List("volumes", [$"./{AlertmanagerConfigWriter.FileName}:/etc/alertmanager/alertmanager.yml:ro", "alertmanager-data:/alertmanager"]);
            yaml.List("networks", [MonitoringNetwork]);
        });
        yaml.Block("grafana", () =>
        {
            yaml.Value("image", "grafana/grafana:11.2.0");
            yaml.Value("restart", "unless-stopped");
            yaml.Map("environment",
            [
                new("GF_SECURITY_ADMIN_PASSWORD", StagingVariables.Required(StagingVariables.GrafanaAdminPasswordVariable)),
                new("GF_SERVER_ROOT_URL", $"https://grafana.${{{StagingVariables.Domain}:-staging.localhost}}"),
                new("GF_USERS_ALLOW_SIGN_UP", "false"),
            ]);
            yaml.List("volumes", ["./grafana/provisioning:/etc/grafana/provisioning:ro", "./grafana/dashboards:/var/lib/grafana/dashboards:ro", "grafana-data:/var/lib/grafana"]);
            yaml.Block("depends_on", () => yaml.Block("prometheus", () => yaml.Value("condition", "service_started")));
            yaml.List("networks", [MonitoringNetwork]);
        });
        yaml.Block("node-exporter", () =>
        {
            yaml.Value("image", "prom/node-exporter:v1.8.2");
            yaml.Value("restart", "unless-stopped");
            yaml.List("command", ["--path.rootfs=/host"]);
            yaml.Value("pid", "host");
            yaml.List("volumes", ["/:/host:ro,rslave"]);
            yaml.List("networks", [MonitoringNetwork]);
        });
        yaml.Block("caddy", () =>
        {
            yaml.Value("image", "caddy:2.7");
            yaml.Value("restart", "unless-stopped");
            yaml.List("ports", ["80:80", "443:443"]);
            var environment = new List<KeyValuePair<string, string>>
            {
                new(StagingVariables.Domain, $"${{{StagingVariables.Domain}:-staging.localhost}}"),
                // Never empty inside the container: Caddy would read an empty value, not its `internal` default.
                new(StagingVariables.TlsEmail, $"${{{StagingVariables.TlsEmail}:-internal}}"),
            };
            foreach (var site in StagingVariables.ProtectedSites)
            {
                environment.Add(new(site.User, StagingVariables.Required(site.User)));
                environment.Add(new(site.Hash, StagingVariables.Required(site.Hash)));
            }

            yaml.Map("environment", environment.OrderBy(e => e.Key, StringComparer.Ordinal));
            yaml.List("volumes", [$"./{CaddyfileWriter.FileName}:/etc/caddy/Caddyfile:ro", "caddy-data:/data", "caddy-config:/config"]);
            yaml.Block("depends_on", () =>
            {
                foreach (var upstream in model.Services.Select(s => s.Name).Where(CaddyfileWriter.PublicSites.Values.Contains)
                             .Concat(StagingVariables.ProtectedSites.Select(s => s.Service)).Order(StringComparer.Ordinal))
                {
                    yaml.Block(upstream, () => yaml.Value("condition", "service_started"));
                }
            });
            yaml.List("networks", [EdgeNetwork, MonitoringNetwork]);
        });
    }
}
