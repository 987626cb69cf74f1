namespace SignalHarvester.Data.Model;

/// <summary>One recorded measurement (pipeline durations, counts) for trend reporting.</summary>
public class PerformanceMetric
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public double Value { get; set; }
    public string? Unit { get; set; }
    /// <summary>Label name/value pairs as a JSON object (jsonb).</summary>
    public string? Labels { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
