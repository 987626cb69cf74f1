namespace SignalHarvester.Domain.Discovery;

/// <summary>A topic's centroid, for <see cref="TopicEvolutionRules.Similarities"/>.</summary>
public sealed record TopicCentroid(long TopicId, float[] Centroid);

/// <summary>Centroid similarity of two topics; <see cref="TopicAId"/> &lt; <see cref="TopicBId"/>.</summary>
public sealed record TopicPairSimilarity(long TopicAId, long TopicBId, double Similarity);

/// <summary>A merge, split or emergence of <see cref="TopicId"/> (with <see cref="RelatedTopicId"/> for merges and splits).</summary>
public sealed record TopicEvent(string EventType, long TopicId, long? RelatedTopicId);

/// <summary>Topic similarity, and when topics merge, split or emerge.</summary>
public static class TopicEvolutionRules
{
    /// <summary>Similarities are rounded so recomputing an unchanged centroid gives the identical value.</summary>
    public const int Decimals = 6;

    /// <summary>Cosine similarity of every pair of topics with a centroid of the same length, each pair once.</summary>
    public static IReadOnlyList<TopicPairSimilarity> Similarities(IReadOnlyList<TopicCentroid> topics)
    {
        var ordered = topics.Where(t => t.Centroid.Length > 0).OrderBy(t => t.TopicId).ToList();
        var pairs = new List<TopicPairSimilarity>();
        for (var i = 0; i < ordered.Count; i++)
        {
            for (var j = i + 1; j < ordered.Count; j++)
            {
                if (ordered[i].Centroid.Length == ordered[j].Centroid.Length)
                {
                    var similarity = Math.Round(VectorMath.CosineSimilarity(ordered[i].Centroid, ordered[j].Centroid), Decimals);
                    pairs.Add(new TopicPairSimilarity(ordered[i].TopicId, ordered[j].TopicId, similarity));
                }
            }
        }

        return pairs;
    }

    /// <summary>
    /// Merges and splits from the change of each pair's similarity since the last computation: a merge
    /// when it rises from below <see cref="TopicEvolutionOptions.MergeSimilarity"/> to at least it, a split
    /// when it falls from at least that to below <see cref="TopicEvolutionOptions.SplitSimilarity"/>.
    /// <paramref name="previous"/> holds the last similarity of each pair, or null when the pair was not
    /// compared before (then nothing is concluded). The event belongs to the topic with fewer artifacts
    /// (the one absorbed or breaking away); the other is the related topic.
    /// </summary>
    public static IReadOnlyList<TopicEvent> PairEvents(
        IReadOnlyList<TopicPairSimilarity> current,
        Func<long, long, double?> previous,
        IReadOnlyDictionary<long, int> artifactCounts,
        TopicEvolutionOptions options)
    {
        var events = new List<TopicEvent>();
        foreach (var pair in current)
        {
            if (previous(pair.TopicAId, pair.TopicBId) is not { } before)
            {
                continue;
            }

            var type = before < options.MergeSimilarity && pair.Similarity >= options.MergeSimilarity ? TopicEventTypes.Merge
                : before >= options.MergeSimilarity && pair.Similarity < options.SplitSimilarity ? TopicEventTypes.Split
                : null;
            if (type is null)
            {
                continue;
            }

            var (countA, countB) = (artifactCounts.GetValueOrDefault(pair.TopicAId), artifactCounts.GetValueOrDefault(pair.TopicBId));
            var (smaller, larger) = countA < countB || (countA == countB && pair.TopicAId > pair.TopicBId)
                ? (pair.TopicAId, pair.TopicBId)
                : (pair.TopicBId, pair.TopicAId);
            events.Add(new TopicEvent(type, smaller, larger));
        }

        return events;
    }

    /// <summary>A topic emerges when it is growing (emerging or faster), its emergence score reaches the threshold and the window holds enough artifacts.</summary>
    public static bool Emerges(double emergenceScore, int windowCount, double growthRate, TopicEvolutionOptions options) =>
        emergenceScore >= options.EmergenceEventScore
        && windowCount >= options.MinEventArtifacts
        && TopicTrends.Classify(growthRate, options) is TopicTrends.Emerging or TopicTrends.RapidlyEmerging;
}
