using System.Diagnostics;
using System.Globalization;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Benchmarks;

/// <summary>
/// Semantic links of the relationship stage at its configured ceiling (MaxSemanticArtifacts,
/// default 5000): <see cref="SemanticLinks"/> against <see cref="NaiveSemanticLinks"/> on the same
/// embeddings, made by the worker's own local generator from synthetic research titles.
/// </summary>
internal static class SemanticLinksBenchmark
{
    private static readonly string[] Sources = ["arxiv", "github", "hackernews", "x"];
    private static readonly string[] Subjects =
    [
        "quantum error correction", "diffusion models", "robot manipulation", "large language models",
        "graph neural networks", "protein folding", "sparse attention", "reinforcement learning",
        "speech recognition", "superconducting qubits", "federated learning", "neural rendering",
    ];
    private static readonly string[] Angles =
    [
        "scaling laws for", "a benchmark of", "efficient training of", "open-source toolkit for",
        "robustness of", "a survey of", "hardware-aware", "self-supervised",
    ];

    public static int Run(IReadOnlyList<string> args)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var rounds = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var options = new RelationshipDetectionOptions();
        var artifacts = Embed(count);
        Console.WriteLine($"semantic links over {count} artifacts ({HashedNgramEmbeddingGenerator.DefaultDimensions} dimensions), threshold {options.SemanticThreshold}, top {options.SemanticTopK}, {rounds} rounds each (median)");

        var results = new List<(string Name, double Seconds, IReadOnlyList<SemanticLink> Links)>();
        foreach (var (name, find) in new (string, Func<IReadOnlyList<SemanticLink>>)[]
        {
            ("every pair, full cosine (baseline)", () => NaiveSemanticLinks.Find(artifacts, options.SemanticThreshold, options.SemanticTopK)),
            ("unit vectors, SIMD, half (SemanticLinks)", () => SemanticLinks.Find(artifacts, options.SemanticThreshold, options.SemanticTopK)),
        })
        {
            IReadOnlyList<SemanticLink> links = find(); // warm-up
            var seconds = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var started = Stopwatch.GetTimestamp();
                links = find();
                seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            results.Add((name, Measure.Median(seconds), links));
        }

        var baseline = results[0];
        Console.WriteLine($"{"method",-42} {"seconds",8} {"ratio",7} {"links",6}");
        foreach (var (name, seconds, links) in results)
        {
            Console.WriteLine($"{name,-42} {seconds,8:F3} {baseline.Seconds / seconds,6:F2}x {links.Count,6}");
        }

        var same = results.All(r => r.Links.SequenceEqual(baseline.Links));
        Console.WriteLine(same ? "both found the same links" : "the methods disagree");
        return same ? 0 : 1;
    }

    private static List<EmbeddedArtifact> Embed(int count)
    {
        var random = new Random(42);
        using var generator = new HashedNgramEmbeddingGenerator();
        var titles = Enumerable.Range(0, count)
            .Select(_ => $"{Angles[random.Next(Angles.Length)]} {Subjects[random.Next(Subjects.Length)]} with {Subjects[random.Next(Subjects.Length)]}")
            .ToList();
        var embeddings = generator.GenerateAsync(titles).GetAwaiter().GetResult();
        return [.. embeddings.Select((e, i) => new EmbeddedArtifact(i + 1, Sources[i % Sources.Length], e.Vector.ToArray()))];
    }
}
