namespace SignalHarvester.Data.Model;

/// <summary>A named scoring configuration to backtest against human labels.</summary>
public class Experiment
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>The scoring configuration (weights, half-life, threshold) as JSON (jsonb).</summary>
    public required string Config { get; set; }
    public long? BaselineExperimentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public ICollection<ExperimentRun> Runs { get; set; } = [];
}
