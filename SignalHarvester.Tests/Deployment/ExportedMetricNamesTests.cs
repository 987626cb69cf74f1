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
    private static readonly TimeSpan PipelinesTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Alerts_and_dashboards_use_only_exported_metric_names()
    {
        var bundle = Path.Combine(Tool.RepositoryRoot(), "deploy", "staging");
        var queried = QueriedNames(bundle);
        Assert.Contains("http_server_request_duration_seconds_bucket", queried);
        Assert.Contains("discoveries_runs_total", queried);

        using var api = stack.CreateApiClient();
        using var worker = stack.CreateWorkerClient();
        await api.GetAsync("/health/ready"); // HTTP server metrics appear after a request
        var wanted = queried.Where(name => name != "up" && !name.StartsWith("node_", StringComparison.Ordinal)).ToList();

        // The pipelines run once on start; their series appear when they finish.
        var exported = await Eventually.ReturnsAsync(
            async () => ExportedNames(await api.GetStringAsync("/metrics/prometheus"))
                .Union(ExportedNames(await worker.GetStringAsync("/metrics/prometheus"))).ToHashSet(),
            names => wanted.All(names.Contains),
            PipelinesTimeout,
            "every queried metric in the scrapes");
        Assert.All(wanted, name => Assert.Contains(name, exported));
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
