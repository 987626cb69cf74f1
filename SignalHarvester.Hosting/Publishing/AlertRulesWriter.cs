namespace SignalHarvester.Hosting.Publishing;

/// <summary><c>alerts.yml</c>: the staging alert rules. Metric names are the ones the services export (checked by a test).</summary>
internal static class AlertRulesWriter
{
    public const string FileName = "alerts.yml";

    public static string Write() => """
        # Generated (--publisher staging); do not edit. Metric names are checked against the services' real exports.
        groups:
          - name: "signalharvester"
            rules:
              - alert: "ApiDown"
                expr: 'up{job="api"} == 0'
                for: "2m"
                labels:
                  severity: "critical"
                annotations:
                  summary: "The API does not answer Prometheus scrapes."
              - alert: "ApiHighErrorRatio"
                expr: 'sum(rate(http_server_request_duration_seconds_count{job="api",http_response_status_code=~"5.."}[5m])) / sum(rate(http_server_request_duration_seconds_count{job="api"}[5m])) > 0.05'
                for: "10m"
                labels:
                  severity: "warning"
                annotations:
                  summary: "More than 5% of API responses are 5xx."
              - alert: "ApiSlowP95"
                expr: 'histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{job="api"}[5m]))) > 1'
                for: "10m"
                labels:
                  severity: "warning"
                annotations:
                  summary: "API p95 latency is above 1 s."
              - alert: "SignalPipelineStale"
                expr: '(sum(increase(signalharvester_signals_runs_total{outcome="success"}[30m])) or vector(0)) == 0'
                for: "5m"
                labels:
                  severity: "warning"
                annotations:
                  summary: "No successful signal pipeline run in 30 minutes (it runs every 5)."
              - alert: "DiscoveryRunFailed"
                expr: 'sum(increase(signalharvester_discovery_runs_total{outcome="failure"}[1h])) > 0'
                labels:
                  severity: "warning"
                annotations:
                  summary: "A discovery pipeline run failed in the last hour."
              - alert: "MigrationFailedOrPending"
                expr: '(up{job="api"} == 0 or absent(up{job="api"})) and on() (up{job="worker"} == 0 or absent(up{job="worker"}))'
                for: "10m"
                labels:
                  severity: "critical"
                annotations:
                  summary: "API and worker are both down: a failed migrations run is the likely cause."
                  description: "Proxy: the migrations container exports no metrics. api and worker start only after it exits 0 (service_completed_successfully), so both being down for 10 minutes points at it. Check: docker compose ps migrations; docker compose logs migrations."
              - alert: "JobFailuresPilingUp"
                expr: '(sum(increase(signalharvester_signals_runs_total{outcome="failure"}[1h])) or vector(0)) + (sum(increase(signalharvester_discovery_runs_total{outcome="failure"}[6h])) or vector(0)) >= 3'
                for: "5m"
                labels:
                  severity: "warning"
                annotations:
                  summary: "Hangfire pipeline jobs keep failing (3 or more failed runs)."
              - alert: "DiskSpaceLow"
                expr: 'node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"} < 0.10'
                for: "15m"
                labels:
                  severity: "warning"
                annotations:
                  summary: "Less than 10% disk space left on {{ $labels.mountpoint }}."

        """;
}
