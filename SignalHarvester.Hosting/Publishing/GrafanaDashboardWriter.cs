using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// The two Grafana dashboards, "API Performance" and "Discovery Pipeline". Their PromQL uses only
/// metric names the services export (a test compares them with a live scrape).
/// </summary>
internal static class GrafanaDashboardWriter
{
    public const string ApiPerformanceFile = "grafana/dashboards/api-performance.json";
    public const string DiscoveryPipelineFile = "grafana/dashboards/discovery-pipeline.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ApiPerformance() => Dashboard("api-performance", "API Performance",
    [
        ("Requests per second by route", "sum by (http_route) (rate(http_server_request_duration_seconds_count{job=\"api\"}[5m]))", "reqps"),
        ("5xx ratio", "sum(rate(http_server_request_duration_seconds_count{job=\"api\",http_response_status_code=~\"5..\"}[5m])) / sum(rate(http_server_request_duration_seconds_count{job=\"api\"}[5m]))", "percentunit"),
        ("Latency p95", "histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{job=\"api\"}[5m])))", "s"),
        ("Responses by status code", "sum by (http_response_status_code) (rate(http_server_request_duration_seconds_count{job=\"api\"}[5m]))", "reqps"),
        ("API up", "up{job=\"api\"}", "none"),
    ]);

    public static string DiscoveryPipeline() => Dashboard("discovery-pipeline", "Discovery Pipeline",
    [
        ("Discovery runs by outcome", "sum by (outcome) (increase(signalharvester_discovery_runs_total[1h]))", "short"),
        ("Artifacts fetched by source", "sum by (source) (increase(signalharvester_discovery_fetched_total[1h]))", "short"),
        ("Source failures by source", "sum by (source) (increase(signalharvester_discovery_source_failures_total[1h]))", "short"),
        ("Artifacts classified", "sum(increase(signalharvester_discovery_classified_total[1h]))", "short"),
        ("Discovery stage p95 duration", "histogram_quantile(0.95, sum by (le, stage) (rate(signalharvester_discovery_stage_duration_seconds_bucket[1h])))", "s"),
        ("Signal runs by outcome", "sum by (outcome) (increase(signalharvester_signals_runs_total[1h]))", "short"),
        ("Posts fetched", "sum(increase(signalharvester_signals_posts_fetched_total[1h]))", "short"),
        ("Signal stage p95 duration", "histogram_quantile(0.95, sum by (le, stage) (rate(signalharvester_signals_stage_duration_seconds_bucket[1h])))", "s"),
    ]);

    private static string Dashboard(string uid, string title, (string Title, string Expr, string Unit)[] panels)
    {
        var panelNodes = new JsonArray();
        for (var i = 0; i < panels.Length; i++)
        {
            var (panelTitle, expr, unit) = panels[i];
            panelNodes.Add(new JsonObject
            {
                ["id"] = i + 1,
                ["type"] = "timeseries",
                ["title"] = panelTitle,
                ["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = "prometheus" },
                ["gridPos"] = new JsonObject { ["h"] = 8, ["w"] = 12, ["x"] = i % 2 * 12, ["y"] = i / 2 * 8 },
                ["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = unit }, ["overrides"] = new JsonArray() },
                ["targets"] = new JsonArray(new JsonObject { ["refId"] = "A", ["expr"] = expr }),
            });
        }

        var dashboard = new JsonObject
        {
            ["uid"] = uid,
            ["title"] = title,
            ["tags"] = new JsonArray("signalharvester"),
            ["schemaVersion"] = 39,
            ["version"] = 1,
            ["refresh"] = "30s",
            ["time"] = new JsonObject { ["from"] = "now-6h", ["to"] = "now" },
            ["panels"] = panelNodes,
        };
        return dashboard.ToJsonString(Options).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
