using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

/// <summary>
/// The approximate index behind the relationship stage's semantic links, against the exact
/// <see cref="SemanticLinks.Find"/> as the oracle.
/// </summary>
public class SemanticLinkIndexTests
{
    private const double Threshold = 0.45;
    private const int TopK = 3;
    private static readonly string[] Sources = ["arxiv", "github", "hackernews", "x"];

    [Fact]
    public void Up_to_the_exact_size_the_links_are_the_exact_ones()
    {
        var random = new Random(20261127);
        // Few dimensions and small integers: many exact ties (the lower id wins) and zero vectors.
        var ties = Enumerable.Range(1, 1200)
            .Select(id => new EmbeddedArtifact(id, Sources[random.Next(Sources.Length)], [.. Enumerable.Range(0, 4).Select(_ => (float)random.Next(0, 3))]))
            .ToList();

        // A search breadth of 1 misses many links: up to the size they are exact whatever the index's settings.
        Assert.Equal(SemanticLinks.Find(ties, Threshold, TopK), SemanticLinkIndex.Find(ties, Threshold, TopK, exactUpTo: 1200, breadth: 1));
        var clustered = Clustered(count: 3000, seed: 20261203);
        Assert.Equal(SemanticLinks.Find(clustered, Threshold, TopK), SemanticLinkIndex.Find(clustered, Threshold, TopK, exactUpTo: 3000, breadth: 1));
    }

    [Fact]
    public void Above_the_exact_size_the_index_finds_at_least_95_percent_of_the_exact_links_at_k_3()
    {
        var artifacts = Clustered(count: 3000, seed: 20261203);
        var exact = SemanticLinks.Find(artifacts, Threshold, TopK);

        var approximate = SemanticLinkIndex.Find(artifacts, Threshold, TopK, exactUpTo: 1000);

        var found = approximate.Intersect(exact).Count();
        var recall = (double)found / exact.Count;
        Assert.True(exact.Count > 3000, $"only {exact.Count} exact links: the data should give most artifacts {TopK} neighbours");
        Assert.True(recall >= 0.95, $"recall {recall:F4}: {found} of {exact.Count} exact links found");
        // What the index reports is exact: every link it finds that the oracle lacks is a pair just below
        // some artifact's top k, never a wrong similarity.
        var exactSimilarity = artifacts.ToDictionary(a => a.Id);
        Assert.All(approximate, link => Assert.Equal(
            Math.Round(VectorMath.CosineSimilarity(exactSimilarity[link.FirstId].Embedding, exactSimilarity[link.SecondId].Embedding), SemanticLinks.Decimals),
            link.Similarity));
    }

    [Fact]
    public void The_index_links_only_other_sources_at_or_above_the_threshold_once_per_pair()
    {
        var artifacts = Clustered(count: 2000, seed: 5);
        var source = artifacts.ToDictionary(a => a.Id, a => a.Source);

        var links = SemanticLinkIndex.Find(artifacts, threshold: 0.6, TopK, exactUpTo: 100);

        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.NotEqual(source[l.FirstId], source[l.SecondId]));
        Assert.All(links, l => Assert.InRange(l.Similarity, 0.6, 1));
        Assert.All(links, l => Assert.True(l.FirstId < l.SecondId));
        Assert.Equal(links.Count, links.Select(l => (l.FirstId, l.SecondId)).Distinct().Count());
        // No artifact keeps more than k of its own (it may be in others' top k as well).
        var index = SemanticLinkIndex.Build(artifacts);
        Assert.All(artifacts.Take(200), a => Assert.InRange(index.Nearest(a.Id, 0.6, TopK).Count, 0, TopK));
    }

    [Fact]
    public void Embeddings_that_cannot_be_compared_are_never_linked()
    {
        var artifacts = Clustered(count: 1500, seed: 3).ToList();
        artifacts.Add(new EmbeddedArtifact(100_001, "x", new float[32])); // all zeros
        artifacts.Add(new EmbeddedArtifact(100_002, "x", []));
        artifacts.Add(new EmbeddedArtifact(100_003, "x", [1f, 0f, 0f])); // another length: nothing to compare with

        var links = SemanticLinkIndex.Find(artifacts, Threshold, TopK, exactUpTo: 1000);

        Assert.DoesNotContain(links, l => l.SecondId > 100_000);
        Assert.Equal(SemanticLinkIndex.Find(artifacts.Take(1500).ToList(), Threshold, TopK, exactUpTo: 1000), links);
    }

    [Fact]
    public void The_same_input_gives_the_same_links()
    {
        var artifacts = Clustered(count: 2500, seed: 8);

        Assert.Equal(
            SemanticLinkIndex.Find(artifacts, Threshold, TopK, exactUpTo: 1000),
            SemanticLinkIndex.Find([.. Enumerable.Reverse(artifacts)], Threshold, TopK, exactUpTo: 1000));
    }

    // Seeded vectors around a few hundred centres with noise, in 32 dimensions: themes shared across
    // sources, near neighbours inside a theme and a long tail of weaker ones across themes.
    private static List<EmbeddedArtifact> Clustered(int count, int seed)
    {
        const int dimensions = 32;
        var random = new Random(seed);
        var centres = Enumerable.Range(0, Math.Max(4, count / 12))
            .Select(_ => Enumerable.Range(0, dimensions).Select(_ => (float)Gaussian(random)).ToArray())
            .ToArray();
        return
        [
            .. Enumerable.Range(1, count).Select(id =>
            {
                var centre = centres[random.Next(centres.Length)];
                return new EmbeddedArtifact(id, Sources[random.Next(Sources.Length)],
                    [.. centre.Select(x => x + (float)(0.8 * Gaussian(random)))]);
            }),
        ];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
