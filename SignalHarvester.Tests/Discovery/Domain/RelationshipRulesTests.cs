using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class RelationshipRulesTests
{
    [Theory]
    [InlineData("github", "paper", RelationshipTypes.Implement)]
    [InlineData("arxiv", "paper", RelationshipTypes.Cite)]
    [InlineData("arxiv", "repo", RelationshipTypes.Reference)]
    [InlineData("github", "repo", RelationshipTypes.Reference)]
    [InlineData("hackernews", "paper", RelationshipTypes.Discuss)]
    [InlineData("hackernews", "repo", RelationshipTypes.Discuss)]
    [InlineData("x", "paper", RelationshipTypes.Mention)]
    public void The_type_depends_on_who_points_at_what(string source, string targetType, string expected) =>
        Assert.Equal(expected, RelationshipTypes.For(source, targetType));

    [Fact]
    public void Semantic_links_join_only_similar_artifacts_of_different_sources_once_per_pair()
    {
        EmbeddedArtifact[] artifacts =
        [
            new(1, "arxiv", [1f, 0f, 0f]),
            new(2, "arxiv", [1f, 0f, 0f]), // same source as 1: never linked to it
            new(3, "github", [0.9f, 0.1f, 0f]),
            new(4, "hackernews", [0f, 1f, 0f]), // orthogonal to 1-3
            new(5, "x", [0f, 0.95f, 0.05f]),
        ];

        var links = SemanticLinks.Find(artifacts, threshold: 0.8, topK: 5);

        Assert.Equal(
            [(1L, 3L), (2L, 3L), (4L, 5L)],
            links.Select(l => (l.FirstId, l.SecondId)));
        Assert.All(links, l => Assert.InRange(l.Similarity, 0.8, 1));
        Assert.Equal(Math.Round(VectorMath.CosineSimilarity([1f, 0f, 0f], [0.9f, 0.1f, 0f]), SemanticLinks.Decimals), links[0].Similarity);
    }

    [Fact]
    public void Semantic_links_keep_each_artifacts_top_k_and_respect_the_threshold()
    {
        EmbeddedArtifact[] artifacts =
        [
            new(1, "arxiv", [1f, 0f]),
            new(2, "github", [1f, 0.1f]),
            new(3, "github", [1f, 0.3f]),
            new(4, "github", [1f, 0.6f]),
            new(5, "github", [0f, 1f]),
        ];

        // 1's nearest is 2; but 3 and 4 each have 1 as their only other-source neighbour, so they keep it.
        var topOne = SemanticLinks.Find(artifacts, threshold: 0.5, topK: 1);
        Assert.Equal([(1L, 2L), (1L, 3L), (1L, 4L)], topOne.Select(l => (l.FirstId, l.SecondId)));

        var strict = SemanticLinks.Find(artifacts, threshold: 0.99, topK: 3);
        Assert.Equal([(1L, 2L)], strict.Select(l => (l.FirstId, l.SecondId)));

        Assert.Empty(SemanticLinks.Find(artifacts, threshold: 0.5, topK: 0));
    }

    [Fact]
    public void Semantic_links_equal_a_direct_reading_of_the_rule_on_random_embeddings()
    {
        const double threshold = 0.5;
        const int topK = 3;
        var random = new Random(20261127);
        string[] sources = ["arxiv", "github", "hackernews", "x"];
        // Few dimensions and small integers: many exact ties and zero vectors, where a top-k selection goes wrong first.
        var artifacts = Enumerable.Range(1, 300)
            .Select(id => new EmbeddedArtifact(id, sources[random.Next(sources.Length)], [.. Enumerable.Range(0, 4).Select(_ => (float)random.Next(0, 3))]))
            .ToList();

        // Each artifact's k most similar other-source artifacts at or above the threshold, lower id first on ties; each pair once.
        var expected = artifacts
            .SelectMany(a => artifacts
                .Where(b => b.Source != a.Source)
                .Select(b => (b.Id, Similarity: Math.Round(VectorMath.CosineSimilarity(a.Embedding, b.Embedding), SemanticLinks.Decimals)))
                .Where(n => n.Similarity >= threshold)
                .OrderByDescending(n => n.Similarity).ThenBy(n => n.Id)
                .Take(topK)
                .Select(n => (First: Math.Min(a.Id, n.Id), Second: Math.Max(a.Id, n.Id), n.Similarity)))
            .Distinct()
            .Order()
            .ToList();

        var links = SemanticLinks.Find(artifacts, threshold, topK);

        Assert.True(expected.Count > 300, $"only {expected.Count} links: the data should exercise top-k");
        Assert.Equal(expected, links.Select(l => (l.FirstId, l.SecondId, l.Similarity)));
    }
}
