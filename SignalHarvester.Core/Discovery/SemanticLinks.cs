namespace SignalHarvester.Core.Discovery;

/// <summary>An artifact's embedding and where it came from, for <see cref="SemanticLinks"/>.</summary>
public sealed record EmbeddedArtifact(long Id, string Source, float[] Embedding);

/// <summary>Two artifacts similar enough to be related; <see cref="FirstId"/> &lt; <see cref="SecondId"/>.</summary>
public sealed record SemanticLink(long FirstId, long SecondId, double Similarity);

/// <summary>
/// <c>related</c> links across sources: each artifact's <c>topK</c> most similar artifacts from other
/// sources at or above the threshold. The relation is symmetric, so each pair appears once.
/// </summary>
public static class SemanticLinks
{
    /// <summary>Similarities are stored rounded so a recomputation gives the identical value.</summary>
    public const int Decimals = 4;

    public static IReadOnlyList<SemanticLink> Find(IReadOnlyList<EmbeddedArtifact> artifacts, double threshold, int topK)
    {
        var links = new Dictionary<(long, long), double>();
        if (topK <= 0)
        {
            return [];
        }

        for (var i = 0; i < artifacts.Count; i++)
        {
            var nearest = new List<(long Id, double Similarity)>();
            for (var j = 0; j < artifacts.Count; j++)
            {
                var (a, b) = (artifacts[i], artifacts[j]);
                if (a.Source == b.Source || a.Id == b.Id || a.Embedding.Length != b.Embedding.Length || a.Embedding.Length == 0)
                {
                    continue;
                }

                var similarity = Math.Round(VectorMath.CosineSimilarity(a.Embedding, b.Embedding), Decimals);
                if (similarity >= threshold)
                {
                    nearest.Add((b.Id, similarity));
                }
            }

            foreach (var (id, similarity) in nearest.OrderByDescending(n => n.Similarity).ThenBy(n => n.Id).Take(topK))
            {
                links[(Math.Min(artifacts[i].Id, id), Math.Max(artifacts[i].Id, id))] = similarity;
            }
        }

        return links.OrderBy(l => l.Key).Select(l => new SemanticLink(l.Key.Item1, l.Key.Item2, l.Value)).ToList();
    }
}
