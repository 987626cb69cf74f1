namespace SignalHarvester.Hosting.Publishing;

/// <summary>Grafana provisioning: the Prometheus datasource and a provider that loads the generated dashboards.</summary>
internal static class GrafanaProvisioningWriter
{
    public const string DatasourceFile = "grafana/provisioning/datasources/prometheus.yml";
    public const string DashboardProviderFile = "grafana/provisioning/dashboards/signalharvester.yml";

    public static string Datasource() => """
        # Generated (--publisher staging); do not edit.
        apiVersion: 1
        datasources:
          - name: "Prometheus"
            uid: "prometheus"
            type: "prometheus"
            access: "proxy"
            url: "http://prometheus:9090"
            isDefault: true

        """;

    public static string DashboardProvider() => """
        # Generated (--publisher staging); do not edit.
        apiVersion: 1
        providers:
          - name: "signalharvester"
            folder: "SignalHarvester"
            type: "file"
            disableDeletion: true
            options:
              path: "/var/lib/grafana/dashboards"

        """;
}
