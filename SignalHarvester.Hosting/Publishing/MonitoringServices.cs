namespace SignalHarvester.Hosting.Publishing;

/// <summary>The monitoring services of the staging stack (not part of the Aspire model): names and container ports.</summary>
internal static class MonitoringServices
{
    public const string Prometheus = "prometheus";
    public const int PrometheusPort = 9090;
    public const string Alertmanager = "alertmanager";
    public const int AlertmanagerPort = 9093;
    public const string NodeExporter = "node-exporter";
    public const int NodeExporterPort = 9100;
    public const string Caddy = "caddy";
}
