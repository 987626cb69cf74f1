using System.Text.Json;
using System.Text.RegularExpressions;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Deployment;

/// <summary>
/// Every metric the alerts and dashboards query is one the running services really export: names
/// come from a live scrape of the shared test stack, after the pipelines and a request have run.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class ExportedMetricNamesTests(StackFixture stack)
{
    private static readonly TimeSpan PipelinesTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Alerts_and_dashboards_use_only_exported_metric_names()
    {
        var bundle = Path.Combine(Tool.RepositoryRoot(), "deploy", "staging");
        var queried = QueriedNames(bundle);
        Assert.Contains("http_server_request_duration_seconds_bucket", queried);
        Assert.Contains("signalharvester_discovery_runs_total", queried);

        using var api = stack.CreateApiClient();
        using var worker = stack.CreateWorkerClient();
        await api.GetAsync("/health/ready"); // HTTP server metrics appear after a request
        // node_* come from node-exporter: StagingRehearsalTests finds them in the rehearsal's Prometheus.
        var wanted = queried.Where(name => name != "up" && !name.StartsWith("node_", StringComparison.Ordinal)).ToList();

        // The pipelines run once on start; their series appear when they finish. Every queried name
        // must be scraped: a failure counter that never moved is exported at zero (an alert's
        // increase() needs the series before the first failure), so no name is excused.
        var scrape = "";
        await Eventually.ReturnsAsync(
            async () =>
            {
                scrape = await api.GetStringAsync("/metrics/prometheus") + "\n" + await worker.GetStringAsync("/metrics/prometheus");
                return string.Join(", ", wanted.Except(ExportedNames(scrape), StringComparer.Ordinal).Order(StringComparer.Ordinal));
            },
            missing => missing.Length == 0,
            PipelinesTimeout,
            "every metric the alerts and dashboards query in a scrape (the last line names the missing ones)");
        var lines = scrape.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("signalharvester_signals_runs_total{", StringComparison.Ordinal) && line.Contains("outcome=\"failure\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("signalharvester_discovery_runs_total{", StringComparison.Ordinal) && line.Contains("outcome=\"failure\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("signalharvester_discovery_source_failures_total{", StringComparison.Ordinal) && line.Contains("source=\"arxiv\"", StringComparison.Ordinal));
    }

    private static HashSet<string> QueriedNames(string bundle)
    {
        var expressions = File.ReadAllLines(Path.Combine(bundle, "alerts.yml"))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("expr:", StringComparison.Ordinal))
            .ToList();
        foreach (var dashboard in Directory.EnumerateFiles(Path.Combine(bundle, "grafana", "dashboards"), "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(dashboard));
            expressions.AddRange(json.RootElement.GetProperty("panels").EnumerateArray()
                .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
                .Select(target => target.GetProperty("expr").GetString()!));
        }

        return expressions.SelectMany(e => MetricSelector().Matches(e).Select(m => m.Groups[1].Value)).ToHashSet();
    }

    private static IEnumerable<string> ExportedNames(string scrape) =>
        scrape.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => SampleName().Match(line).Value);

    // A metric name in PromQL: an identifier directly followed by a label matcher or a range.
    [GeneratedRegex(@"\b([a-zA-Z_:][a-zA-Z0-9_:]*)(?=\{|\[)")]
    private static partial Regex MetricSelector();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();
}
