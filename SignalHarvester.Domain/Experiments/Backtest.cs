namespace SignalHarvester.Domain.Experiments;

/// <summary>One labelled artifact as a backtest sees it: its score under the experiment and the human's verdict.</summary>
public sealed record BacktestSample(long ArtifactId, double Score, bool Relevant);

/// <summary>
/// A backtest's confusion matrix and the metrics derived from it. A metric whose denominator is 0
/// (precision without predicted positives, recall without relevant labels, NDCG without relevant
/// labels) is null, not 0.
/// </summary>
public sealed record BacktestResult(
    int ArtifactCount,
    int TruePositives,
    int FalsePositives,
    int TrueNegatives,
    int FalseNegatives,
    double? Precision,
    double? Recall,
    double? F1,
    double Accuracy,
    IReadOnlyDictionary<int, double> PrecisionAtK,
    IReadOnlyDictionary<int, double?> NdcgAtK);

/// <summary>Scores labelled artifacts against a threshold: predicted relevant when score ≥ threshold.</summary>
public static class Backtest
{
    public static BacktestResult Evaluate(IReadOnlyList<BacktestSample> samples, double threshold, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(ks);
        if (samples.Count == 0)
        {
            throw new ArgumentException("A backtest needs at least one labelled artifact.", nameof(samples));
        }

        int tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var sample in samples)
        {
            if (sample.Score >= threshold)
            {
                if (sample.Relevant) { tp++; } else { fp++; }
            }
            else
            {
                if (sample.Relevant) { fn++; } else { tn++; }
            }
        }

        double? precision = tp + fp == 0 ? null : (double)tp / (tp + fp);
        double? recall = tp + fn == 0 ? null : (double)tp / (tp + fn);
        double? f1 = precision is { } p && recall is { } r ? (p + r == 0 ? 0 : 2 * p * r / (p + r)) : null;
        var accuracy = (double)(tp + tn) / samples.Count;
        return new BacktestResult(samples.Count, tp, fp, tn, fn, precision, recall, f1, accuracy, PrecisionAtK(samples, ks), NdcgAtK(samples, ks));
    }

    /// <summary>
    /// Share of relevant artifacts among the k best scored (ties broken by artifact id, so reruns agree);
    /// when fewer than k are labelled, among all of them.
    /// </summary>
    public static IReadOnlyDictionary<int, double> PrecisionAtK(IReadOnlyList<BacktestSample> samples, IReadOnlyList<int> ks)
    {
        var ranked = Rank(samples);
        var result = new SortedDictionary<int, double>();
        foreach (var k in ks.Distinct())
        {
            var top = ranked.Take(k).ToList();
            result[k] = top.Count == 0 ? 0 : (double)top.Count(s => s.Relevant) / top.Count;
        }

        return result;
    }

    /// <summary>
    /// NDCG@k with binary relevance (a label of relevant is 1, irrelevant 0) and a log2 discount, over the
    /// same ranking as precision@k: DCG@k = Σ_{i=1..min(k,n)} rel_i / log2(i + 1), divided by the DCG@k of the
    /// ideal ranking (every relevant artifact first), IDCG@k = Σ_{i=1..min(k,R)} 1 / log2(i + 1) with R the
    /// relevant count. 1 when the k best are as good as the labels allow; null when nothing is labelled relevant.
    /// </summary>
    public static IReadOnlyDictionary<int, double?> NdcgAtK(IReadOnlyList<BacktestSample> samples, IReadOnlyList<int> ks)
    {
        var ranked = Rank(samples);
        var relevantCount = ranked.Count(s => s.Relevant);
        var result = new SortedDictionary<int, double?>();
        foreach (var k in ks.Distinct())
        {
            var dcg = ranked.Take(k).Select((s, i) => s.Relevant ? Discount(i + 1) : 0).Sum();
            var idcg = Enumerable.Range(1, Math.Min(k, relevantCount)).Sum(Discount);
            result[k] = idcg == 0 ? null : dcg / idcg;
        }

        return result;
    }

    // Best first, ties by artifact id, so reruns agree.
    private static List<BacktestSample> Rank(IReadOnlyList<BacktestSample> samples) =>
        [.. samples.OrderByDescending(s => s.Score).ThenBy(s => s.ArtifactId)];

    private static double Discount(int position) => 1 / Math.Log2(position + 1);
}
