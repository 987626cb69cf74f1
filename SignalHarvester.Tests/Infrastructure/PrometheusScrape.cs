using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>Reads a service's <c>/metrics/prometheus</c> text: how tests see what a service counted.</summary>
public static partial class PrometheusScrape
{
    /// <summary>
    /// The sum of every series of <paramref name="metric"/> (a full sample name, e.g. <c>..._seconds_count</c>) whose labels
    /// include each of <paramref name="labels"/> (<c>name="value"</c>); 0 when there is none yet.
    /// </summary>
    public static async Task<double> SumAsync(HttpClient service, string metric, params string[] labels)
    {
        var text = await service.GetStringAsync("/metrics/prometheus");
        return Sample().Matches(text)
            .Where(m => m.Groups["name"].Value == metric && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
