namespace SignalHarvester.Data.Model;

/// <summary>One backtest of an experiment: its confusion matrix and the metrics derived from it.</summary>
public class ExperimentRun
{
    public long Id { get; set; }
    public long ExperimentId { get; set; }
    /// <summary>running, completed or failed.</summary>
    public required string Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int ArtifactCount { get; set; }
    public int TruePositives { get; set; }
    public int FalsePositives { get; set; }
    public int TrueNegatives { get; set; }
    public int FalseNegatives { get; set; }
    public double? Precision { get; set; }
    public double? Recall { get; set; }
    public double? F1 { get; set; }
    public double? Accuracy { get; set; }
    /// <summary>Precision at each k as a JSON object, e.g. {"5":0.8,"10":0.7} (jsonb).</summary>
    public string? PrecisionAtK { get; set; }
    /// <summary>What the run used (threshold, annotator, unscored labels) and NDCG at each k, as JSON (jsonb).</summary>
    public string? Metrics { get; set; }
    public string? Error { get; set; }
}
