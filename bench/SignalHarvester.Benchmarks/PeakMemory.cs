using System.Globalization;

namespace SignalHarvester.Benchmarks;

/// <summary>
/// The process's resident memory and its peak (VmRSS / VmHWM from /proc/self/status). Writing 5 to
/// /proc/self/clear_refs resets the peak (Linux 4.0+), so each stage's peak is its own.
/// </summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    public static long PeakBytes() => Read("VmHWM:");

    public static long ResidentBytes() => Read("VmRSS:");

    private static long Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
