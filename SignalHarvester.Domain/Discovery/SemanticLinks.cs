using System.Numerics.Tensors;

namespace SignalHarvester.Domain.Discovery;

/// <summary>An artifact's embedding and where it came from, for <see cref="SemanticLinks"/>.</summary>
public sealed record EmbeddedArtifact(long Id, string Source, float[] Embedding);

/// <summary>Two artifacts similar enough to be related; <see cref="FirstId"/> &lt; <see cref="SecondId"/>.</summary>
public sealed record SemanticLink(long FirstId, long SecondId, double Similarity);

/// <summary>
/// <c>related</c> links across sources: each artifact's <c>topK</c> most similar artifacts from other
/// sources at or above the threshold (ties: the lower id). The relation is symmetric, so each pair
/// appears once.
/// </summary>
public static class SemanticLinks
{
    /// <summary>Similarities are stored rounded so a recomputation gives the identical value.</summary>
    public const int Decimals = 4;

    /// <remarks>
    /// Every embedding is normalised once, so a similarity is one SIMD dot product, and each pair is
    /// compared once and offered to both artifacts' bounded top-k: n²/2 dot products instead of n²
    /// full cosine computations (bench/run.sh semantic-links measures the difference).
    /// </remarks>
    public static IReadOnlyList<SemanticLink> Find(IReadOnlyList<EmbeddedArtifact> artifacts, double threshold, int topK)
    {
        if (topK <= 0)
        {
            return [];
        }

        var units = artifacts.Select(a => UnitVector(a.Embedding)).ToArray();
        var nearest = artifacts.Select(_ => new Nearest(topK)).ToArray();
        for (var i = 0; i < artifacts.Count; i++)
        {
            if (units[i] is not { } a)
            {
                continue;
            }

            for (var j = i + 1; j < artifacts.Count; j++)
            {
                if (units[j] is not { } b || b.Length != a.Length || artifacts[i].Source == artifacts[j].Source || artifacts[i].Id == artifacts[j].Id)
                {
                    continue;
                }

                var similarity = Similarity(a, b);
                if (similarity >= threshold)
                {
                    nearest[i].Offer(artifacts[j].Id, similarity);
                    nearest[j].Offer(artifacts[i].Id, similarity);
                }
            }
        }

        return Pairs(artifacts.Select((a, i) => (a.Id, nearest[i].Items)));
    }

    /// <summary>Each artifact's kept neighbours as links, each unordered pair once, ordered by ids.</summary>
    internal static List<SemanticLink> Pairs(IEnumerable<(long Id, IEnumerable<(long Id, double Similarity)> Nearest)> kept)
    {
        var links = new Dictionary<(long, long), double>();
        foreach (var (artifactId, nearest) in kept)
        {
            foreach (var (id, similarity) in nearest)
            {
                links[(Math.Min(artifactId, id), Math.Max(artifactId, id))] = similarity;
            }
        }

        return links.OrderBy(l => l.Key).Select(l => new SemanticLink(l.Key.Item1, l.Key.Item2, l.Value)).ToList();
    }

    /// <summary>The similarity <see cref="Find"/> stores for two unit vectors: clamped and rounded.</summary>
    internal static double Similarity(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        Math.Round(Math.Clamp(TensorPrimitives.Dot<double>(a, b), -1, 1), Decimals);

    // In double precision, like VectorMath.CosineSimilarity, so the rounded values match it.
    private static double[]? UnitVector(float[] embedding)
    {
        var vector = new double[embedding.Length];
        return UnitVector(embedding, vector) ? vector : null;
    }

    /// <summary>Writes the embedding as a unit vector in double precision; false for an empty or zero vector.</summary>
    internal static bool UnitVector(ReadOnlySpan<float> embedding, Span<double> destination)
    {
        if (embedding.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < embedding.Length; i++)
        {
            destination[i] = embedding[i];
        }

        var norm = TensorPrimitives.Norm<double>(destination[..embedding.Length]);
        if (norm == 0)
        {
            return false;
        }

        TensorPrimitives.Divide(destination[..embedding.Length], norm, destination);
        return true;
    }

    /// <summary>The best <c>k</c> offers: a heap whose root is the worst kept (lowest similarity, then highest id).</summary>
    private sealed class Nearest(int k)
    {
        private static readonly Comparer<(double Similarity, long Id)> WorstFirst = Comparer<(double Similarity, long Id)>.Create(
            (x, y) => x.Similarity != y.Similarity ? x.Similarity.CompareTo(y.Similarity) : y.Id.CompareTo(x.Id));

        private readonly PriorityQueue<long, (double Similarity, long Id)> kept = new(WorstFirst);

        public IEnumerable<(long Id, double Similarity)> Items => kept.UnorderedItems.Select(item => (item.Element, item.Priority.Similarity));

        public void Offer(long id, double similarity)
        {
            if (kept.Count < k)
            {
                kept.Enqueue(id, (similarity, id));
            }
            else if (kept.TryPeek(out _, out var worst) && WorstFirst.Compare((similarity, id), worst) > 0)
            {
                kept.DequeueEnqueue(id, (similarity, id));
            }
        }
    }
}
