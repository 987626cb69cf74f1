using System.Diagnostics.Metrics;

namespace SignalHarvester.Worker.Jobs;

/// <summary>
/// Counter series that exist at zero before their first event. Prometheus' <c>increase()</c> cannot
/// see the step from "no series" to 1, so an alert on the first failure needs the series already there.
/// </summary>
public static class MetricSeries
{
    public static void StartAtZero(Counter<long> counter, string tag, params string[] values)
    {
        foreach (var value in values)
        {
            counter.Add(0, new KeyValuePair<string, object?>(tag, value));
        }
    }
}
