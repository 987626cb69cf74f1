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
        Assert.Contains("discoveries_runs_total", queried);

        using var api = stack.CreateApiClient();
        using var worker = stack.CreateWorkerClient();
        await api.GetAsync("/health/ready"); // HTTP server metrics appear after a request
        // node_* come from node-exporter: StagingRehearsalTests finds them in the rehearsal's Prometheus.
        var wanted = queried.Where(name => name != "up" && !name.StartsWith("node_", StringComparison.Ordinal)).ToList();

        // The pipelines run once on start; their series appear when they finish.
        var defined = DefinedNames();
        var missing = wanted;
        using var deadline = new CancellationTokenSource(PipelinesTimeout);
        while (true)
        {
            var exported = ExportedNames(await api.GetStringAsync("/metrics/prometheus"))
                .Union(ExportedNames(await worker.GetStringAsync("/metrics/prometheus")))
                .ToHashSet(StringComparer.Ordinal);
            missing = wanted.Where(name => !exported.Contains(name)).Order(StringComparer.Ordinal).ToList();
            // Done once both pipelines have finished a run and whatever is still missing is at least defined.
            var pipelinesRan = exported.Contains("signalharvester_signals_runs_total") && exported.Contains("discoveries_runs_total");
            if (missing.Count == 0 || (pipelinesRan && missing.All(defined.Contains)) || deadline.IsCancellationRequested)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        }

        // A counter that never moved (e.g. source failures in a healthy run) is not in any scrape yet:
        // those must at least be defined by the worker's meters, under the name the exporter gives them.
        var unknown = missing.Where(name => !defined.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"queried but neither scraped nor defined: {string.Join(", ", unknown)}");
    }

    private static HashSet<string> DefinedNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(Path.Combine(Tool.RepositoryRoot(), "SignalHarvester.Worker"), "*Metrics.cs", SearchOption.AllDirectories);
        foreach (var match in sources.SelectMany(file => InstrumentDefinition().Matches(File.ReadAllText(file))))
        {
            var name = match.Groups["name"].Value.Replace('.', '_');
            if (match.Groups["kind"].Value == "Counter")
            {
                names.Add($"{name}_total");
            }
            else if (match.Groups["kind"].Value == "Histogram")
            {
                var unit = match.Groups["unit"].Value == "s" ? "_seconds" : "";
                names.UnionWith(new[] { "_bucket", "_sum", "_count" }.Select(suffix => name + unit + suffix));
            }
        }

        Assert.Contains("signalharvester_signals_runs_total", names); // the parser still understands the meters
        return names;
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

    [GeneratedRegex("""Create(?<kind>Counter|Histogram)<[^>]+>\("(?<name>[^"]+)"(?:, unit: "(?<unit>[^"]+)")?""")]
    private static partial Regex InstrumentDefinition();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();
}
