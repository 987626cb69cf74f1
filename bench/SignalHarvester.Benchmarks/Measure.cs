namespace SignalHarvester.Benchmarks;

internal static class Measure
{
    /// <summary>The middle value: robust to the odd slow round on a shared machine.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
