namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// Semantic links for sets too large to compare every pair (<see cref="SemanticLinks.Find"/> is
/// quadratic): approximate nearest neighbours from one HNSW graph per source
/// (<see cref="NavigableSmallWorld"/>), in process.
/// </summary>
/// <remarks>
/// <para>The rule is <see cref="SemanticLinks.Find"/>'s: other sources only, similarity at or above the
/// threshold, each artifact keeps its <c>topK</c> (ties: the lower id), each pair once. An artifact
/// searches the graph of every other source: one graph for all would mostly return its own source's
/// artifacts, which share its wording (a post's template, a README's), and miss the others.</para>
/// <para>The graphs compare 8-bit vectors (<see cref="QuantisedVectors"/>: a quarter of the memory
/// traffic of single precision); the best few candidates are re-scored exactly as
/// <see cref="SemanticLinks.Find"/> scores them (double precision, rounded), so every similarity
/// reported is the exact one. What can be missed is a neighbour the search did not reach: the recall,
/// measured by the tests and by <c>bench/run.sh discovery-scale</c>. Deterministic: the graphs are
/// (<see cref="NavigableSmallWorld"/>), and each artifact's search is independent of the others'.</para>
/// </remarks>
public sealed class SemanticLinkIndex
{
    /// <summary>Up to this many artifacts every pair is compared: exact, and under a second (bench/run.sh semantic-links).</summary>
    public const int DefaultExactUpTo = 5000;

    /// <summary>Nodes kept while searching each source's graph: recall ≥ 0.95 at k = 3 with a margin (docs/performance.md).</summary>
    public const int DefaultBreadth = 32;

    private const int Seed = 20261203;

    // Candidates kept beyond top-k in 8-bit precision, so the exact re-scoring can reorder near ties.
    private const int ShortlistExtra = 4;

    // A similarity that rounds to the threshold may be 5e-5 below it, and the 8-bit one is off by less than the rest.
    private const double CandidateSlack = 0.02;

    private readonly EmbeddedArtifact[] artifacts; // in id order
    private readonly NavigableSmallWorld[] graphs; // one per source
    private readonly int[] graphOf;                // each artifact's source graph
    private readonly int breadth;

    private SemanticLinkIndex(IReadOnlyList<EmbeddedArtifact> group, int breadth)
    {
        this.breadth = breadth;
        artifacts = [.. group.OrderBy(a => a.Id)];
        var vectors = new QuantisedVectors([.. artifacts.Select(a => VectorMath.Normalize(a.Embedding))], artifacts[0].Embedding.Length);
        var sources = artifacts.Select(a => a.Source).Distinct().Order(StringComparer.Ordinal).ToArray();
        graphOf = [.. artifacts.Select(a => Array.IndexOf(sources, a.Source))];
        graphs = [.. sources.Select((_, s) => new NavigableSmallWorld(
            vectors, [.. Enumerable.Range(0, artifacts.Length).Where(i => graphOf[i] == s)], Seed + s))];
    }

    /// <summary>
    /// The links <see cref="SemanticLinks.Find"/> would find: exactly those up to <paramref name="exactUpTo"/>
    /// artifacts (it runs), approximately above (the index). Embeddings of different lengths are never
    /// compared, so each length is searched on its own.
    /// </summary>
    public static IReadOnlyList<SemanticLink> Find(
        IReadOnlyList<EmbeddedArtifact> artifacts, double threshold, int topK, int exactUpTo = DefaultExactUpTo, int breadth = DefaultBreadth)
    {
        if (topK <= 0)
        {
            return [];
        }

        if (artifacts.Count <= exactUpTo)
        {
            return SemanticLinks.Find(artifacts, threshold, topK);
        }

        var links = new List<SemanticLink>();
        foreach (var group in artifacts.Where(Comparable).GroupBy(a => a.Embedding.Length).Select(g => g.ToList()))
        {
            links.AddRange(group.Count <= exactUpTo
                ? SemanticLinks.Find(group, threshold, topK)
                : new SemanticLinkIndex(group, breadth).Links(threshold, topK));
        }

        // Ids of different groups are different artifacts, so the pairs of the groups are disjoint.
        return [.. links.OrderBy(l => l.FirstId).ThenBy(l => l.SecondId)];
    }

    /// <summary>Builds the index over embeddings of one length (none empty or all zeros).</summary>
    public static SemanticLinkIndex Build(IReadOnlyList<EmbeddedArtifact> artifacts, int breadth = DefaultBreadth)
    {
        ArgumentOutOfRangeException.ThrowIfZero(artifacts.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(breadth, 1);
        if (!artifacts.All(a => Comparable(a) && a.Embedding.Length == artifacts[0].Embedding.Length))
        {
            throw new ArgumentException("Every embedding must be non-zero and of the same length.", nameof(artifacts));
        }

        return new SemanticLinkIndex(artifacts, breadth);
    }

    /// <summary>Each artifact's approximate top-k, as links: each pair once, ordered by ids.</summary>
    public IReadOnlyList<SemanticLink> Links(double threshold, int topK)
    {
        var nearest = new (long Id, double Similarity)[artifacts.Length][];
        Parallel.For(0, artifacts.Length, () => new Scratch(artifacts), (i, _, scratch) =>
        {
            nearest[i] = Search(i, threshold, topK, scratch);
            return scratch;
        }, _ => { });
        return SemanticLinks.Pairs(artifacts.Select((a, i) => (a.Id, (IEnumerable<(long, double)>)nearest[i])));
    }

    /// <summary>The approximate top-k of the artifact with this id (most similar first), for measuring recall.</summary>
    public IReadOnlyList<(long Id, double Similarity)> Nearest(long id, double threshold, int topK) =>
        topK <= 0 ? [] : Search(Array.FindIndex(artifacts, a => a.Id == id), threshold, topK, new Scratch(artifacts));

    // What SemanticLinks.Find compares at all: a vector that is not empty and not all zeros.
    private static bool Comparable(EmbeddedArtifact artifact) => artifact.Embedding.Any(x => x != 0);

    private (long Id, double Similarity)[] Search(int artifact, double threshold, int topK, Scratch scratch)
    {
        var self = artifacts[artifact];
        var shortlist = scratch.Shortlist;
        shortlist.Clear();
        for (var graph = 0; graph < graphs.Length; graph++)
        {
            if (graph != graphOf[artifact])
            {
                graphs[graph].Nearest(artifact, breadth, (float)(threshold - CandidateSlack), scratch.Walk, shortlist);
            }
        }

        // The exact similarities of the best few, as SemanticLinks.Find computes them.
        SemanticLinks.UnitVector(self.Embedding, scratch.Query);
        var rescored = new List<(long Id, double Similarity)>();
        foreach (var (found, _) in shortlist.Where(c => artifacts[c.Artifact].Id != self.Id)
                     .OrderByDescending(c => c.Similarity).ThenBy(c => artifacts[c.Artifact].Id).Take(topK + ShortlistExtra))
        {
            SemanticLinks.UnitVector(artifacts[found].Embedding, scratch.Candidate);
            var similarity = SemanticLinks.Similarity(scratch.Query, scratch.Candidate);
            if (similarity >= threshold)
            {
                rescored.Add((artifacts[found].Id, similarity));
            }
        }

        return [.. rescored.OrderByDescending(n => n.Similarity).ThenBy(n => n.Id).Take(topK)];
    }

    /// <summary>One thread's buffers: the graph walk, the shortlist and two unit vectors in double precision.</summary>
    private sealed class Scratch(EmbeddedArtifact[] artifacts)
    {
        public NavigableSmallWorld.Walk Walk { get; } = new(artifacts.Length);

        public List<(int Artifact, float Similarity)> Shortlist { get; } = [];

        public double[] Query { get; } = new double[artifacts[0].Embedding.Length];

        public double[] Candidate { get; } = new double[artifacts[0].Embedding.Length];
    }
}
