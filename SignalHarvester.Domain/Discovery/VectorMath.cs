namespace SignalHarvester.Domain.Discovery;

/// <summary>Small, allocation-light vector helpers for embeddings (accumulating in double precision).</summary>
public static class VectorMath
{
    /// <summary>Cosine similarity in [-1, 1]; 0 when either vector is all zeros. Lengths must match.</summary>
    public static double CosineSimilarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of different lengths ({a.Length} and {b.Length}) cannot be compared.", nameof(b));
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : Math.Clamp(dot / (Math.Sqrt(normA) * Math.Sqrt(normB)), -1, 1);
    }

    /// <summary>
    /// The weighted mean of the vectors, L2-normalised. Items with a weight of 0 or less (or NaN) are
    /// ignored; nothing left gives an empty array. All vectors must have the same length.
    /// </summary>
    public static float[] Centroid(IEnumerable<(float[] Vector, double Weight)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sum = new CentroidSum();
        foreach (var (vector, weight) in items)
        {
            ArgumentNullException.ThrowIfNull(vector, nameof(items));
            sum.Add(vector, weight);
        }

        return sum.Centroid();
    }

    /// <summary><see cref="Centroid"/> one vector at a time, so the vectors need not be in memory together.</summary>
    public sealed class CentroidSum
    {
        private double[]? sum;

        public void Add(float[] vector, double weight)
        {
            if (!(weight > 0))
            {
                return;
            }

            sum ??= new double[vector.Length];
            if (vector.Length != sum.Length)
            {
                throw new ArgumentException($"Vectors of different lengths ({sum.Length} and {vector.Length}) have no centroid.", nameof(vector));
            }

            for (var i = 0; i < vector.Length; i++)
            {
                sum[i] += weight * vector[i];
            }
        }

        public float[] Centroid() => sum is null ? [] : Normalize(sum);
    }

    /// <summary>The vector scaled to unit length; the zero vector stays zero.</summary>
    public static float[] Normalize(ReadOnlySpan<float> vector)
    {
        var values = new double[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            values[i] = vector[i];
        }

        return Normalize(values);
    }

    /// <summary>
    /// Exponential half-life weight <c>0.5^(ageHours / halfLifeHours)</c>: 1 for a new item, 0.5 at one
    /// half-life. Negative ages (clock skew) count as 0.
    /// </summary>
    public static double RecencyWeight(double ageHours, double halfLifeHours)
    {
        if (!(halfLifeHours > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(halfLifeHours), halfLifeHours, "The half-life must be positive.");
        }

        return Math.Pow(0.5, Math.Max(0, ageHours) / halfLifeHours);
    }

    private static float[] Normalize(double[] values)
    {
        var norm = Math.Sqrt(values.Sum(value => value * value));
        var result = new float[values.Length];
        if (norm > 0)
        {
            for (var i = 0; i < values.Length; i++)
            {
                result[i] = (float)(values[i] / norm);
            }
        }

        return result;
    }
}
