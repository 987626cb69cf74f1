using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class VectorMathTests
{
    [Fact]
    public void Cosine_similarity_of_known_vectors()
    {
        Assert.Equal(1, VectorMath.CosineSimilarity([1f, 2f, 3f], [2f, 4f, 6f]), 6);
        Assert.Equal(-1, VectorMath.CosineSimilarity([1f, 0f], [-3f, 0f]), 6);
        Assert.Equal(0, VectorMath.CosineSimilarity([1f, 0f], [0f, 5f]), 6);
        Assert.Equal(1 / Math.Sqrt(2), VectorMath.CosineSimilarity([1f, 1f], [1f, 0f]), 6);
    }

    [Fact]
    public void Cosine_with_a_zero_vector_is_zero_and_lengths_must_match()
    {
        Assert.Equal(0, VectorMath.CosineSimilarity([0f, 0f], [1f, 2f]));
        Assert.Throws<ArgumentException>(() => VectorMath.CosineSimilarity([1f], [1f, 2f]));
    }

    [Fact]
    public void The_centroid_is_the_normalised_weighted_mean()
    {
        var centroid = VectorMath.Centroid([([1f, 0f], 3.0), ([0f, 1f], 1.0), ([5f, 5f], 0.0)]);

        // (3, 1) / sqrt(10); the zero-weight item is ignored.
        Assert.Equal(3 / Math.Sqrt(10), centroid[0], 6);
        Assert.Equal(1 / Math.Sqrt(10), centroid[1], 6);
        Assert.Empty(VectorMath.Centroid([]));
        Assert.Throws<ArgumentException>(() => VectorMath.Centroid([([1f], 1.0), ([1f, 2f], 1.0)]));
    }

    [Fact]
    public void Recency_weight_halves_every_half_life()
    {
        Assert.Equal(1, VectorMath.RecencyWeight(0, 24));
        Assert.Equal(0.5, VectorMath.RecencyWeight(24, 24), 12);
        Assert.Equal(0.25, VectorMath.RecencyWeight(48, 24), 12);
        Assert.Equal(1, VectorMath.RecencyWeight(-5, 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.RecencyWeight(1, 0));
    }
}
