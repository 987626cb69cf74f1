using System.Globalization;
using System.Text.Json;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Experiments;

namespace SignalHarvester.Api.Experiments;

/// <summary>
/// A scoring configuration to backtest. Omitted weights and time constant are the current
/// <c>Discovery:Scoring</c> values; <c>threshold</c> is required; <c>k</c> defaults to [5, 10, 20].
/// </summary>
public sealed record ExperimentConfigRequest(
    double? NoveltyWeight,
    double? EmergenceWeight,
    double? ObscurityWeight,
    double? RecencyTimeConstantHours,
    double? Threshold,
    IReadOnlyList<int>? K);

public sealed record CreateExperimentRequest(string? Name, string? Description, ExperimentConfigRequest? Config);

public sealed record ExperimentResponse(long Id, string Name, string? Description, ExperimentConfig Config, DateTimeOffset CreatedAt, ExperimentRunResponse? LatestRun)
{
    public static ExperimentResponse From(Experiment experiment, ExperimentRun? latestRun) => new(
        experiment.Id, experiment.Name, experiment.Description, ExperimentConfigJson.Read(experiment.Config), experiment.CreatedAt,
        latestRun is null ? null : ExperimentRunResponse.From(latestRun));
}

/// <summary>
/// One backtest: the confusion matrix over the labelled, scored artifacts (relevant is the positive
/// class; predicted relevant when the re-scored value ≥ threshold) and the metrics derived from it.
/// </summary>
public sealed record ExperimentRunResponse(
    long Id,
    long ExperimentId,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    int ArtifactCount,
    ConfusionMatrix ConfusionMatrix,
    double? Precision,
    double? Recall,
    double? F1,
    double? Accuracy,
    IReadOnlyDictionary<string, double> PrecisionAtK,
    IReadOnlyDictionary<string, double?> NdcgAtK,
    ExperimentRunDetails? Details)
{
    public static ExperimentRunResponse From(ExperimentRun run)
    {
        var metrics = run.Metrics is null ? null : JsonSerializer.Deserialize<StoredRunMetrics>(run.Metrics, ExperimentConfigJson.Options);
        return new(
            run.Id, run.ExperimentId, run.Status, run.StartedAt, run.CompletedAt, run.ArtifactCount,
            new ConfusionMatrix(run.TruePositives, run.FalsePositives, run.TrueNegatives, run.FalseNegatives),
            run.Precision, run.Recall, run.F1, run.Accuracy,
            run.PrecisionAtK is null ? new Dictionary<string, double>() : JsonSerializer.Deserialize<Dictionary<string, double>>(run.PrecisionAtK)!,
            metrics?.NdcgAtK ?? new Dictionary<string, double?>(), // runs from before NDCG have none
            metrics is null ? null : new ExperimentRunDetails(metrics.Threshold, metrics.Annotator, metrics.UnscoredLabels));
    }

    public static string PrecisionAtKJson(IReadOnlyDictionary<int, double> precisionAtK) =>
        JsonSerializer.Serialize(precisionAtK.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value));

    /// <summary>experiment_runs.metrics (jsonb): the run's details and the metrics without a column of their own.</summary>
    public static string MetricsJson(ExperimentRunDetails details, IReadOnlyDictionary<int, double?> ndcgAtK) =>
        JsonSerializer.Serialize(
            new StoredRunMetrics(details.Threshold, details.Annotator, details.UnscoredLabels,
                ndcgAtK.ToDictionary(n => n.Key.ToString(CultureInfo.InvariantCulture), n => n.Value)),
            ExperimentConfigJson.Options);

    private sealed record StoredRunMetrics(double Threshold, string? Annotator, int UnscoredLabels, Dictionary<string, double?>? NdcgAtK);
}

public sealed record ConfusionMatrix(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives);

/// <summary>What a run used: the threshold, the annotator whose labels it read (null: everyone's) and the labelled artifacts it left out for lack of a score.</summary>
public sealed record ExperimentRunDetails(double Threshold, string? Annotator, int UnscoredLabels);

/// <summary>The latest runs of two experiments side by side; each delta is b − a (null where either side has no value).</summary>
public sealed record ExperimentComparison(ExperimentResponse A, ExperimentResponse B, MetricDeltas Deltas);

/// <summary>b − a per metric; precision@k and NDCG@k for the cut-offs both runs have.</summary>
public sealed record MetricDeltas(
    double? Precision, double? Recall, double? F1, double? Accuracy,
    IReadOnlyDictionary<string, double> PrecisionAtK, IReadOnlyDictionary<string, double?> NdcgAtK);

/// <summary>experiments.config is stored as camelCase JSON.</summary>
internal static class ExperimentConfigJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Write(ExperimentConfig config) => JsonSerializer.Serialize(config, Options);

    public static ExperimentConfig Read(string json) => JsonSerializer.Deserialize<ExperimentConfig>(json, Options)!;
}
