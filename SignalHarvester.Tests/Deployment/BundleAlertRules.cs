using System.Text.RegularExpressions;

namespace SignalHarvester.Tests.Deployment;

/// <summary>The alert rules of a bundle's <c>alerts.yml</c>, and the series their PromQL expressions select.</summary>
public static partial class BundleAlertRules
{
    public sealed record Rule(string Name, string Expression);

    public static IReadOnlyList<Rule> Read(string bundle)
    {
        var text = File.ReadAllText(Path.Combine(bundle, "alerts.yml"));
        var rules = RuleWithExpression().Matches(text)
            // The writer single-quotes expressions; YAML doubles a quote inside them.
            .Select(m => new Rule(m.Groups["name"].Value, m.Groups["expr"].Value.Replace("''", "'", StringComparison.Ordinal)))
            .ToList();
        var alerts = AlertName().Count(text);
        return rules.Count == alerts
            ? rules
            : throw new InvalidDataException($"alerts.yml has {alerts} alerts but only {rules.Count} read with their expression");
    }

    /// <summary>The instant-vector selectors of an expression as written, e.g. <c>up{job="api"}</c>.</summary>
    public static IReadOnlyList<string> Selectors(string expression) =>
        Selector().Matches(expression).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The metric names an expression selects.</summary>
    public static IEnumerable<string> MetricNames(string expression) =>
        MetricName().Matches(expression).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex("""- alert: "(?<name>\w+)"\n\s+expr: '(?<expr>(?:[^']|'')*)'""")]
    private static partial Regex RuleWithExpression();

    [GeneratedRegex(@"- alert: ")]
    private static partial Regex AlertName();

    // A metric name directly followed by its label matchers.
    [GeneratedRegex(@"\b[a-zA-Z_:][a-zA-Z0-9_:]*\{[^}]*\}")]
    private static partial Regex Selector();

    // A metric name in PromQL: an identifier directly followed by a label matcher or a range.
    [GeneratedRegex(@"\b([a-zA-Z_:][a-zA-Z0-9_:]*)(?=\{|\[)")]
    private static partial Regex MetricName();
}
