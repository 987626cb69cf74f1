using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Benchmarks;

/// <summary>The first implementation, kept as the baseline: every ordered pair, a full cosine each time.</summary>
internal static class NaiveSemanticLinks
{
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

                var similarity = Math.Round(VectorMath.CosineSimilarity(a.Embedding, b.Embedding), SemanticLinks.Decimals);
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
