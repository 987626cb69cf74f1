using System.Globalization;

namespace SignalHarvester.Benchmarks;

/// <summary>A generated artifact as the discovery sources would store it, with the topics it belongs to.</summary>
internal sealed record SyntheticArtifact(
    string Source, string SourceId, string ArtifactType, string Title, string Text, string Url, DateTimeOffset PublishedAt, string[] Topics);

/// <summary>
/// Research artifacts from the four sources, deterministic for a seed: papers with abstracts,
/// repositories with READMEs that cite papers, stories that link papers or repositories, posts. Titles
/// combine a subject (its topic), a method and an angle with a few free words, so texts repeat
/// themes, as real ones do, without being copies of each other.
/// </summary>
internal static class SyntheticArtifacts
{
    public static readonly string[] Sources = ["arxiv", "github", "hackernews", "x"];

    private static readonly string[] Subjects =
    [
        "quantum error correction", "diffusion models", "robot manipulation", "large language models", "graph neural networks",
        "protein folding", "sparse attention", "reinforcement learning", "speech recognition", "superconducting qubits",
        "federated learning", "neural rendering", "code generation", "retrieval augmented generation", "mixture of experts",
        "weather forecasting", "drug discovery", "autonomous driving", "time series forecasting", "recommender systems",
        "compiler optimisation", "formal verification", "text to video", "multimodal agents", "tabular learning",
        "battery materials", "fusion plasma control", "genome assembly", "medical imaging", "climate emulators",
        "vector databases", "speculative decoding", "state space models", "program synthesis", "neural audio codecs",
        "satellite imagery", "legged locomotion", "knowledge graphs", "differential privacy", "photonic computing",
    ];

    private static readonly string[] Methods =
    [
        "contrastive pretraining", "low-rank adaptation", "curriculum learning", "distillation", "quantisation",
        "test-time search", "synthetic data", "preference optimisation", "equivariant networks", "flow matching",
        "tree search", "kernel fusion", "active learning", "meta-learning", "energy-based models", "causal inference",
        "sparse autoencoders", "pruning", "tokenisation", "bayesian optimisation", "self-play", "world models",
    ];

    private static readonly string[] Angles =
    [
        "Scaling laws for", "A benchmark of", "Efficient training of", "An open-source toolkit for", "Robustness of",
        "A survey of", "Hardware-aware", "Self-supervised", "Towards reliable", "Rethinking", "Fast inference for",
        "Interpretable", "Data-efficient", "Long-context", "Private and secure",
    ];

    private static readonly string[] Words =
    [
        "results", "benchmarks", "latency", "throughput", "accuracy", "ablation", "dataset", "baseline", "gpu", "memory",
        "open", "weights", "release", "paper", "demo", "evaluation", "state-of-the-art", "cost", "energy", "hardware",
        "theory", "experiments", "simulation", "production", "community", "reproducible", "code", "model", "inference",
        "training", "lab", "preprint", "workshop", "dataset", "leaderboard", "bug", "tutorial", "thread", "insight",
    ];

    public static IEnumerable<SyntheticArtifact> Generate(int count, DateTimeOffset now, int seed = 42)
    {
        var random = new Random(seed);
        for (var n = 1; n <= count; n++)
        {
            var source = Sources[random.Next(Sources.Length)];
            var subject = random.Next(Subjects.Length);
            var method = Methods[random.Next(Methods.Length)];
            var angle = Angles[random.Next(Angles.Length)];
            // Recent artifacts are more frequent: a topic grows, and the 90-day window holds every one.
            var published = now.AddHours(-(60 * 24 * Math.Pow(random.NextDouble(), 1.5)));
            var topics = random.Next(3) == 0
                ? new[] { Topic(subject), Topic((subject + 1 + random.Next(Subjects.Length - 1)) % Subjects.Length) }
                : [Topic(subject)];
            var paper = $"2511.{random.Next(1, Math.Max(2, count / 4)):D5}"; // a paper that may exist among the artifacts
            var extra = string.Join(' ', Enumerable.Range(0, 3).Select(_ => Words[random.Next(Words.Length)]));
            var title = $"{angle} {Subjects[subject]} with {method}";
            yield return source switch
            {
                "arxiv" => new SyntheticArtifact(source, $"2511.{n:D5}", "paper", title,
                    $"We study {Subjects[subject]} through {method}. {extra}. Experiments on {Subjects[random.Next(Subjects.Length)]} show consistent gains over strong baselines.",
                    $"https://arxiv.org/abs/2511.{n:D5}", published, topics),
                "github" => new SyntheticArtifact(source, $"lab{n % 700}/{Slug(method)}-{n}", random.Next(4) == 0 ? "release" : "repo",
                    $"lab{n % 700}/{Slug(method)}-{n}: {method} for {Subjects[subject]}",
                    $"Reference implementation of arXiv:{paper}. {extra}. Supports {Subjects[random.Next(Subjects.Length)]}.",
                    $"https://github.com/lab{n % 700}/{Slug(method)}-{n}", published, topics),
                "hackernews" => new SyntheticArtifact(source, (40_000_000 + n).ToString(CultureInfo.InvariantCulture), "story",
                    random.Next(2) == 0 ? $"Show HN: {title}" : title,
                    $"Discussion: {extra} about {Subjects[subject]} and {method}.",
                    random.Next(2) == 0 ? $"https://arxiv.org/abs/{paper}" : $"https://news.ycombinator.com/item?id={40_000_000 + n}", published, topics),
                _ => new SyntheticArtifact(source, (1_900_000_000_000_000_000 + n).ToString(CultureInfo.InvariantCulture), "post",
                    $"New work on {Subjects[subject]}: {method} {extra}",
                    $"New work on {Subjects[subject]}: {method} {extra}. Thread below.",
                    $"https://x.com/i/status/{1_900_000_000_000_000_000 + n}", published, topics),
            };
        }
    }

    public static IEnumerable<string> TopicNames => Subjects.Select((_, i) => Topic(i));

    private static string Topic(int subject) => $"ai/{Slug(Subjects[subject])}";

    private static string Slug(string words) => words.Replace(' ', '-');
}
