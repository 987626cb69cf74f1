using System.Text;

namespace SignalHarvester.AppHost.Publishing;

/// <summary><c>prometheus.yml</c>: scrapes every HTTP service of the model on its Prometheus path, and node-exporter.</summary>
internal static class PrometheusConfigWriter
{
    public const string FileName = "prometheus.yml";

    // ServiceDefaults maps the OpenTelemetry Prometheus exporter here (Extensions.PrometheusPath).
    private const string MetricsPath = "/metrics/prometheus";

    public static string Write(StagingModel model)
    {
        var text = new StringBuilder()
            .Append("# Generated from the AppHost's application model (--publisher staging); do not edit.\n")
            .Append("global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n")
            // Relative to prometheus.yml: both are mounted in /etc/prometheus, and promtool resolves it beside the file too.
            .Append($"rule_files:\n  - \"{AlertRulesWriter.FileName}\"\n")
            .Append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [\"alertmanager:9093\"]\n")
            .Append("scrape_configs:\n");
        foreach (var service in model.Services.Where(s => s.IsProject && s.HttpPorts.Count > 0))
        {
            text.Append($"  - job_name: \"{service.Name}\"\n")
                .Append($"    metrics_path: \"{MetricsPath}\"\n")
                .Append($"    static_configs:\n      - targets: [\"{service.Name}:{service.HttpPorts.First()}\"]\n");
        }

        text.Append("  - job_name: \"node\"\n    static_configs:\n      - targets: [\"node-exporter:9100\"]\n")
            .Append("  - job_name: \"prometheus\"\n    static_configs:\n      - targets: [\"localhost:9090\"]\n");
        return text.ToString();
    }
}
