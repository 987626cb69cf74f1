namespace SignalHarvester.Data.Model;

/// <summary>The states of a <see cref="BulkJob"/> (the check constraint allows exactly these).</summary>
public static class BulkJobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    public static IReadOnlyList<string> Terminal { get; } = [Completed, Cancelled, Failed];

    public static bool IsTerminal(string state) => Terminal.Contains(state);
}
