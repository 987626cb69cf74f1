namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>The snapshot sets deleted by one retention pass (oldest first) and the bytes their files took.</summary>
public sealed record RetentionResult(IReadOnlyList<string> DeletedStamps, long BytesFreed)
{
    public static RetentionResult Nothing { get; } = new([], 0);
}
