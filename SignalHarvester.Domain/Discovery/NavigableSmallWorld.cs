namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// A hierarchical navigable small-world graph (HNSW, Malkov and Yashunin 2016) over some of the
/// artifacts (one source's, for <see cref="SemanticLinkIndex"/>): the nodes most similar to a query,
/// approximately, in a few thousand dot products instead of one per node.
/// </summary>
/// <remarks>
/// Each node is linked to its most similar nodes (at most <see cref="Degree"/>, twice that on the base
/// layer), chosen by the paper's heuristic so links also reach other clusters; a few nodes (a seeded
/// geometric draw) are also on sparser upper layers. A search walks greedily down the layers from the
/// top entry point, then explores the base layer best-first, keeping the <c>width</c> most similar
/// nodes seen. Deterministic: nodes are inserted in the given order with seeded levels, in batches whose
/// searches run in parallel against the graph as it was before the batch and whose links are then
/// applied in order.
/// </remarks>
internal sealed class NavigableSmallWorld
{
    /// <summary>Links per node on the upper layers (twice as many on the base layer).</summary>
    public const int Degree = 16;

    private const int ConstructionWidth = 64;
    private const int MaxLevel = 16;

    // A batch inserts at most 1/BatchDivisor of the nodes already in the graph, so nodes of one batch missing
    // each other barely matters, and at most MaxBatch, so the parallel searches stay close to the current graph.
    private const int BatchDivisor = 32;
    private const int MaxBatch = 256;

    private readonly QuantisedVectors vectors;     // every artifact's vector
    private readonly int[] members;                // node → position of its artifact in units
    private readonly int[] levels;
    private readonly int[][][] links;              // [node][layer] → neighbours (the first counts[node][layer])
    private readonly float[][][] linkSimilarities; // [node][layer] → similarity of each neighbour
    private readonly int[][] counts;
    private int entry = -1;

    /// <param name="vectors">Every artifact's vector, 8-bit (contiguous and small, so a walk reads few cache lines).</param>
    /// <param name="members">Positions of the vectors that are this graph's nodes, in insertion order.</param>
    public NavigableSmallWorld(QuantisedVectors vectors, int[] members, int seed)
    {
        (this.vectors, this.members) = (vectors, members);
        var n = members.Length;
        var random = new Random(seed);
        var scale = 1 / Math.Log(Degree);
        levels = [.. members.Select(_ => Math.Min(MaxLevel, (int)(-Math.Log(1 - random.NextDouble()) * scale)))];
        links = new int[n][][];
        linkSimilarities = new float[n][][];
        counts = new int[n][];
        for (var node = 0; node < n; node++)
        {
            links[node] = new int[levels[node] + 1][];
            linkSimilarities[node] = new float[levels[node] + 1][];
            counts[node] = new int[levels[node] + 1];
            for (var layer = 0; layer <= levels[node]; layer++)
            {
                links[node][layer] = new int[Capacity(layer)];
                linkSimilarities[node][layer] = new float[Capacity(layer)];
            }
        }

        var chosen = new (int Node, float Similarity)[n][][];
        for (var inserted = 0; inserted < n;)
        {
            var size = Math.Min(n - inserted, Math.Clamp(inserted / BatchDivisor, 1, MaxBatch));
            var first = inserted;
            Parallel.For(first, first + size, () => new Walk(n), (node, _, walk) =>
            {
                chosen[node] = ChooseNeighbours(node, walk);
                return walk;
            }, _ => { });
            for (var node = first; node < first + size; node++)
            {
                Connect(node, chosen[node]);
                chosen[node] = [];
            }

            inserted += size;
        }
    }

    public int Count => members.Length;

    /// <summary>
    /// About the <paramref name="width"/> nodes most similar to the artifact at this position, most similar
    /// first, as positions; only those at or above <paramref name="floor"/> are added to <paramref name="nearest"/>.
    /// </summary>
    public void Nearest(int artifact, int width, float floor, Walk walk, List<(int Artifact, float Similarity)> nearest)
    {
        if (entry < 0)
        {
            return;
        }

        foreach (var (node, similarity) in SearchLayer(artifact, Descend(artifact, entry, 0), width, 0, walk))
        {
            if (similarity >= floor)
            {
                nearest.Add((members[node], similarity));
            }
        }
    }

    private static int Capacity(int layer) => layer == 0 ? 2 * Degree : Degree;

    // Between the vector at a position (the query) and a node.
    private float Similarity(int artifact, int node) => vectors.Similarity(artifact, members[node]);

    // The node's neighbours on each of its layers, from the graph as it is (read only, so a batch searches in parallel).
    private (int Node, float Similarity)[][] ChooseNeighbours(int node, Walk walk)
    {
        var chosen = new (int Node, float Similarity)[levels[node] + 1][];
        Array.Fill(chosen, []);
        if (entry < 0)
        {
            return chosen;
        }

        var query = members[node];
        var top = levels[entry];
        var start = Descend(query, entry, Math.Min(levels[node], top));
        for (var layer = Math.Min(levels[node], top); layer >= 0; layer--)
        {
            var candidates = SearchLayer(query, start, ConstructionWidth, layer, walk);
            chosen[layer] = Diverse(candidates, Degree);
            start = candidates[0].Node;
        }

        return chosen;
    }

    // Links the node to its chosen neighbours and them back to it; a full list drops its least similar link.
    private void Connect(int node, (int Node, float Similarity)[][] chosen)
    {
        for (var layer = 0; layer < chosen.Length; layer++)
        {
            foreach (var (neighbour, similarity) in chosen[layer])
            {
                Add(node, layer, neighbour, similarity);
                Add(neighbour, layer, node, similarity);
            }
        }

        if (entry < 0 || levels[node] > levels[entry])
        {
            entry = node;
        }
    }

    private void Add(int node, int layer, int neighbour, float similarity)
    {
        var list = links[node][layer];
        var weights = linkSimilarities[node][layer];
        if (counts[node][layer] < list.Length)
        {
            (list[counts[node][layer]], weights[counts[node][layer]]) = (neighbour, similarity);
            counts[node][layer]++;
            return;
        }

        var weakest = 0;
        for (var i = 1; i < list.Length; i++)
        {
            if (weights[i] < weights[weakest])
            {
                weakest = i;
            }
        }

        if (similarity > weights[weakest])
        {
            (list[weakest], weights[weakest]) = (neighbour, similarity);
        }
    }

    // Greedy walk from a node down to the given layer: the node most similar to the query found on the way.
    private int Descend(int query, int from, int toLayer)
    {
        var best = from;
        var bestSimilarity = Similarity(query, from);
        for (var layer = levels[from]; layer > toLayer; layer--)
        {
            for (var improved = true; improved;)
            {
                improved = false;
                foreach (var neighbour in links[best][layer].AsSpan(0, counts[best][layer]))
                {
                    var similarity = Similarity(query, neighbour);
                    if (similarity > bestSimilarity)
                    {
                        (best, bestSimilarity, improved) = (neighbour, similarity, true);
                    }
                }
            }
        }

        return best;
    }

    // Best-first search of one layer: the `width` nodes most similar to the query reached, most similar
    // first, in the walk's buffer (valid until its next search).
    private List<(int Node, float Similarity)> SearchLayer(int query, int start, int width, int layer, Walk walk)
    {
        walk.Begin();
        walk.Visit(start);
        var startSimilarity = Similarity(query, start);
        var candidates = walk.Candidates; // most similar first (negated)
        var found = walk.Found;           // least similar first
        candidates.Enqueue(start, -startSimilarity);
        found.Enqueue(start, startSimilarity);
        while (candidates.TryDequeue(out var current, out var negated))
        {
            found.TryPeek(out _, out var worst);
            if (-negated < worst && found.Count >= width)
            {
                break;
            }

            foreach (var next in links[current][layer].AsSpan(0, counts[current][layer]))
            {
                if (!walk.Visit(next))
                {
                    continue;
                }

                var similarity = Similarity(query, next);
                found.TryPeek(out _, out worst);
                if (found.Count < width || similarity > worst)
                {
                    candidates.Enqueue(next, -similarity);
                    found.Enqueue(next, similarity);
                    if (found.Count > width)
                    {
                        found.Dequeue();
                    }
                }
            }
        }

        var result = walk.Result;
        while (found.TryDequeue(out var kept, out var similarity))
        {
            result.Add((kept, similarity));
        }

        result.Reverse();
        return result;
    }

    // The paper's neighbour heuristic: a candidate is kept unless a kept one is more similar to it than
    // the node is, so links reach out in several directions; the closest skipped ones fill what is left.
    private (int Node, float Similarity)[] Diverse(List<(int Node, float Similarity)> candidates, int count)
    {
        var kept = new List<(int Node, float Similarity)>(count);
        var skipped = new List<(int Node, float Similarity)>();
        foreach (var candidate in candidates)
        {
            if (kept.Count == count)
            {
                break;
            }

            if (kept.All(k => Similarity(members[candidate.Node], k.Node) <= candidate.Similarity))
            {
                kept.Add(candidate);
            }
            else
            {
                skipped.Add(candidate);
            }
        }

        kept.AddRange(skipped.Take(count - kept.Count));
        return [.. kept];
    }

    /// <summary>One thread's search state, reused from search to search: which nodes the current search has
    /// visited (by generation, so nothing is cleared), its two queues and its result.</summary>
    public sealed class Walk(int nodes)
    {
        private readonly int[] visited = new int[nodes];
        private int generation;

        internal PriorityQueue<int, float> Candidates { get; } = new();

        internal PriorityQueue<int, float> Found { get; } = new();

        internal List<(int Node, float Similarity)> Result { get; } = [];

        public void Begin()
        {
            if (++generation == int.MaxValue)
            {
                Array.Clear(visited);
                generation = 1;
            }

            Candidates.Clear();
            Found.Clear();
            Result.Clear();
        }

        /// <summary>True the first time the node is seen in this search.</summary>
        public bool Visit(int node)
        {
            if (visited[node] == generation)
            {
                return false;
            }

            visited[node] = generation;
            return true;
        }
    }
}
