using System.Text;

namespace SignalHarvester.Hosting.Publishing;

/// <summary><c>prometheus.yml</c>: scrapes every HTTP service of the model on its Prometheus path, and node-exporter.</summary>
internal static class PrometheusConfigWriter
{
    public const string FileName = "prometheus.yml";

    // ServiceDefaults maps the OpenTelemetry Prometheus exporter here (Extensions.PrometheusPath).
    public const string MetricsPath = "/metrics/prometheus";

    public static string Write(StagingModel model) => Write(model, ComposeNetworkAddresses.Instance);

    /// <summary>The same file with the addresses of another stack (the staging rehearsal); jobs of services it lacks are left out.</summary>
    public static string Write(StagingModel model, IStagingAddresses addresses)
    {
        string? Target(string service, int port) => addresses.Resolve(service, port, seenFrom: MonitoringServices.Prometheus);

        var text = new StringBuilder()
            .Append("# Generated from the AppHost's application model (--publisher staging); do not edit.\n")
            .Append("global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n")
            // Relative to prometheus.yml: both are mounted in /etc/prometheus, and promtool resolves it beside the file too.
            .Append($"rule_files:\n  - \"{AlertRulesWriter.FileName}\"\n");
        if (Target(MonitoringServices.Alertmanager, MonitoringServices.AlertmanagerPort) is { } alertmanager)
        {
            text.Append($"alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [\"{alertmanager}\"]\n");
        }

        text.Append("scrape_configs:\n");
        foreach (var service in model.Services.Where(s => s.IsProject && s.HttpPorts.Count > 0))
        {
            if (Target(service.Name, service.HttpPorts.First()) is { } target)
            {
                text.Append($"  - job_name: \"{service.Name}\"\n")
                    .Append($"    metrics_path: \"{MetricsPath}\"\n")
                    .Append($"    static_configs:\n      - targets: [\"{target}\"]\n");
            }
        }

        AppendStaticJob(text, "node", Target(MonitoringServices.NodeExporter, MonitoringServices.NodeExporterPort));
        AppendStaticJob(text, "prometheus", Target(MonitoringServices.Prometheus, MonitoringServices.PrometheusPort));
        return text.ToString();
    }

    private static void AppendStaticJob(StringBuilder text, string job, string? target)
    {
        if (target is not null)
        {
            text.Append($"  - job_name: \"{job}\"\n    static_configs:\n      - targets: [\"{target}\"]\n");
        }
    }
}
