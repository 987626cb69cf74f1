using System.Diagnostics.CodeAnalysis;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// The fixed topic taxonomy: slash-separated paths, every parent of a path also being a path
/// ("ai/ml/rl" → "ai/ml" → "ai"). Labels (arXiv categories, GitHub topics) map to paths and
/// keyword rules refine them to children ("cs.LG" + "reinforcement learning" → "ai/ml/rl").
/// </summary>
public static class ResearchTaxonomy
{
    /// <summary>The path of an artifact nothing else fits.</summary>
    public const string Other = "other";

    public static IReadOnlyList<string> Paths { get; } =
    [
        "ai",
        "ai/ml",
        "ai/ml/rl",
        "ai/ml/theory",
        "ai/nlp",
        "ai/nlp/llm",
        "ai/cv",
        "ai/robotics",
        "ai/safety",
        "quantum",
        "quantum/hardware",
        "quantum/algorithms",
        "quantum/error-correction",
        "systems",
        "systems/databases",
        "systems/distributed",
        "security",
        "security/cryptography",
        "bio",
        "bio/computational",
        Other,
    ];

    private static readonly HashSet<string> PathSet = new(Paths, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> DisplayNames = new(StringComparer.Ordinal)
    {
        ["ai"] = "Artificial Intelligence",
        ["ai/ml"] = "Machine Learning",
        ["ai/ml/rl"] = "Reinforcement Learning",
        ["ai/ml/theory"] = "Learning Theory",
        ["ai/nlp"] = "Natural Language Processing",
        ["ai/nlp/llm"] = "Large Language Models",
        ["ai/cv"] = "Computer Vision",
        ["ai/robotics"] = "Robotics",
        ["ai/safety"] = "AI Safety",
        ["quantum"] = "Quantum Computing",
        ["quantum/hardware"] = "Quantum Hardware",
        ["quantum/algorithms"] = "Quantum Algorithms",
        ["quantum/error-correction"] = "Quantum Error Correction",
        ["systems"] = "Systems",
        ["systems/databases"] = "Databases",
        ["systems/distributed"] = "Distributed Systems",
        ["security"] = "Security",
        ["security/cryptography"] = "Cryptography",
        ["bio"] = "Biology",
        ["bio/computational"] = "Computational Biology",
        [Other] = "Other",
    };

    /// <summary>arXiv categories and GitHub topics (matched ignoring case) and the path each stands for.</summary>
    private static readonly Dictionary<string, string> LabelPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        // arXiv categories
        ["cs.LG"] = "ai/ml",
        ["stat.ML"] = "ai/ml",
        ["cs.NE"] = "ai/ml",
        ["cs.AI"] = "ai",
        ["cs.MA"] = "ai",
        ["cs.CL"] = "ai/nlp",
        ["cs.IR"] = "ai/nlp",
        ["cs.CV"] = "ai/cv",
        ["eess.IV"] = "ai/cv",
        ["cs.RO"] = "ai/robotics",
        ["quant-ph"] = "quantum",
        ["cs.CR"] = "security",
        ["cs.DB"] = "systems/databases",
        ["cs.DC"] = "systems/distributed",
        ["cs.NI"] = "systems",
        ["cs.OS"] = "systems",
        ["cs.AR"] = "systems",
        ["cs.PF"] = "systems",
        ["cs.SE"] = "systems",
        ["cs.PL"] = "systems",
        // GitHub topics
        ["artificial-intelligence"] = "ai",
        ["ai"] = "ai",
        ["machine-learning"] = "ai/ml",
        ["deep-learning"] = "ai/ml",
        ["pytorch"] = "ai/ml",
        ["jax"] = "ai/ml",
        ["tensorflow"] = "ai/ml",
        ["reinforcement-learning"] = "ai/ml/rl",
        ["deep-reinforcement-learning"] = "ai/ml/rl",
        ["nlp"] = "ai/nlp",
        ["natural-language-processing"] = "ai/nlp",
        ["llm"] = "ai/nlp/llm",
        ["llms"] = "ai/nlp/llm",
        ["large-language-models"] = "ai/nlp/llm",
        ["language-model"] = "ai/nlp/llm",
        ["transformers"] = "ai/nlp/llm",
        ["computer-vision"] = "ai/cv",
        ["object-detection"] = "ai/cv",
        ["robotics"] = "ai/robotics",
        ["ros"] = "ai/robotics",
        ["ros2"] = "ai/robotics",
        ["ai-safety"] = "ai/safety",
        ["alignment"] = "ai/safety",
        ["interpretability"] = "ai/safety",
        ["quantum"] = "quantum",
        ["quantum-computing"] = "quantum",
        ["qiskit"] = "quantum",
        ["cirq"] = "quantum",
        ["quantum-error-correction"] = "quantum/error-correction",
        ["database"] = "systems/databases",
        ["databases"] = "systems/databases",
        ["distributed-systems"] = "systems/distributed",
        ["security"] = "security",
        ["cryptography"] = "security/cryptography",
        ["bioinformatics"] = "bio/computational",
        ["computational-biology"] = "bio/computational",
    };

    /// <summary>Keywords in title or text and the path each suggests; most refine a label's path to a child.</summary>
    internal static IReadOnlyList<(string Path, HeuristicKeyword Keyword)> KeywordRules { get; } =
    [
        ("ai/ml/rl", HeuristicKeyword.Words("reinforcement-learning", "reinforcement learning", "policy gradient", "policy gradients",
            "q-learning", "actor-critic", "offline rl", "deep rl", "multi-armed bandit", "multi-armed bandits")),
        ("ai/ml/theory", HeuristicKeyword.Words("learning-theory", "learning theory", "generalization bound", "generalization bounds",
            "sample complexity", "pac-bayes", "pac-bayesian", "regret bound", "regret bounds", "convergence rate", "convergence rates", "vc dimension")),
        ("ai/ml", HeuristicKeyword.Words("machine-learning", "machine learning", "deep learning", "neural network", "neural networks",
            "representation learning", "self-supervised", "diffusion model", "diffusion models", "gradient descent")),
        ("ai/nlp/llm", HeuristicKeyword.Words("llm", "language model", "language models", "large language model", "large language models",
            "llm", "llms", "transformer", "transformers", "gpt", "instruction tuning", "in-context learning", "rlhf", "chatbot")),
        ("ai/nlp", HeuristicKeyword.Words("nlp", "natural language", "nlp", "machine translation", "question answering", "speech recognition")),
        ("ai/cv", HeuristicKeyword.Words("computer-vision", "computer vision", "image classification", "object detection", "semantic segmentation",
            "image segmentation", "image generation", "video generation", "vision transformer")),
        ("ai/robotics", HeuristicKeyword.Words("robotics", "robot", "robots", "robotic", "robotics", "locomotion", "humanoid", "autonomous driving")),
        ("ai/safety", HeuristicKeyword.Words("ai-safety", "ai safety", "alignment", "jailbreak", "jailbreaks", "red teaming", "red-teaming",
            "interpretability")),
        ("quantum/hardware", HeuristicKeyword.Words("qubits", "qubit", "qubits", "superconducting", "trapped ion", "trapped ions", "trapped-ion",
            "neutral atom", "neutral atoms", "transmon", "transmons", "quantum processor", "quantum chip", "ion trap")),
        ("quantum/error-correction", HeuristicKeyword.Words("error-correction", "error correction", "error-correcting", "surface code",
            "surface codes", "logical qubit", "logical qubits", "fault-tolerant", "quantum error")),
        ("quantum/algorithms", HeuristicKeyword.Words("quantum-algorithms", "quantum algorithm", "quantum algorithms", "variational quantum",
            "qaoa", "vqe", "shor's algorithm", "grover's algorithm", "quantum advantage", "quantum supremacy", "quantum simulation")),
        ("quantum", HeuristicKeyword.Words("quantum", "quantum", "quantum computing", "quantum computer", "quantum computers")),
        ("systems/databases", HeuristicKeyword.Words("databases", "database", "databases", "query optimizer", "query optimization",
            "storage engine", "sql", "key-value store", "oltp", "olap")),
        ("systems/distributed", HeuristicKeyword.Words("distributed-systems", "distributed system", "distributed systems",
            "consensus protocol", "raft", "paxos", "byzantine")),
        ("systems", HeuristicKeyword.Words("systems", "operating system", "operating systems", "compiler", "compilers")),
        ("security/cryptography", HeuristicKeyword.Words("cryptography", "cryptography", "cryptographic", "encryption", "zero-knowledge",
            "post-quantum", "homomorphic", "signature scheme")),
        ("security", HeuristicKeyword.Words("security", "vulnerability", "vulnerabilities", "malware", "exploit", "exploits", "cve",
            "side-channel", "fuzzing")),
        ("bio/computational", HeuristicKeyword.Words("computational-biology", "protein", "proteins", "genomic", "genomics", "genome",
            "single-cell", "dna", "rna", "drug discovery", "bioinformatics")),
    ];

    /// <summary>True when <paramref name="path"/> is exactly one of <see cref="Paths"/> (lowercase, no surrounding slashes).</summary>
    public static bool IsValid([NotNullWhen(true)] string? path) => path is not null && PathSet.Contains(path);

    /// <summary>Trims blanks and slashes and lowercases, then accepts the result only if it is a taxonomy path.</summary>
    public static bool TryNormalize(string? path, [NotNullWhen(true)] out string? normalized)
    {
        var candidate = path?.Trim().Trim('/').ToLowerInvariant();
        normalized = IsValid(candidate) ? candidate : null;
        return normalized is not null;
    }

    /// <summary>The path one level up ("ai/ml/rl" → "ai/ml"); null for a top-level path.</summary>
    public static string? ParentOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        return slash > 0 ? path[..slash] : null;
    }

    /// <summary>
    /// A human name for a path ("ai/ml/rl" → "Reinforcement Learning"); for a path outside the
    /// taxonomy, its last segment with words capitalised ("foo/graph-theory" → "Graph Theory").
    /// </summary>
    public static string DisplayName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (DisplayNames.TryGetValue(path, out var name))
        {
            return name;
        }

        var segment = path.Trim('/');
        segment = segment[(segment.LastIndexOf('/') + 1)..];
        var words = segment.Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]);
        return string.Join(' ', words);
    }

    /// <summary>True when <paramref name="ancestor"/> is a proper ancestor of <paramref name="path"/>.</summary>
    public static bool IsAncestorOf(string ancestor, string path) =>
        path.Length > ancestor.Length + 1
        && path.StartsWith(ancestor, StringComparison.Ordinal)
        && path[ancestor.Length] == '/';

    /// <summary>The path an arXiv category ("cs.LG", any "q-bio.*") or GitHub topic stands for; null when unknown.</summary>
    public static string? FromLabel(string? label)
    {
        var trimmed = label?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (LabelPaths.TryGetValue(trimmed, out var path))
        {
            return path;
        }

        return trimmed.StartsWith("q-bio", StringComparison.OrdinalIgnoreCase) ? "bio/computational" : null;
    }

    /// <summary>
    /// The 1..3 most relevant paths for an artifact, most relevant first; ["other"] when nothing fits.
    /// See <see cref="Match"/> for how they are chosen.
    /// </summary>
    public static IReadOnlyList<string> TopicsFor(IEnumerable<string> labels, string text) =>
        Match(labels, text).Select(topic => topic.Path).ToArray();

    /// <summary>
    /// Each label's path scores 2, each matching keyword rule 1. When labels gave any path, a keyword
    /// path outside their top-level areas needs two rules to count (one stray word in an ML abstract
    /// does not make it a database paper). A path whose descendant also scored is folded into it:
    /// the descendant inherits the ancestor's score and evidence ("ai/ml" from cs.LG refined by
    /// "reinforcement learning" gives "ai/ml/rl" with 3). The leaves are ordered by score, then
    /// depth (more specific first), then first appearance, and the first 3 kept.
    /// </summary>
    internal static IReadOnlyList<TopicMatch> Match(IEnumerable<string> labels, string text)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var candidates = new List<TopicMatch>();

        TopicMatch Candidate(string path)
        {
            var existing = candidates.Find(candidate => candidate.Path == path);
            if (existing is null)
            {
                existing = new TopicMatch(path);
                candidates.Add(existing);
            }

            return existing;
        }

        foreach (var label in labels)
        {
            if (FromLabel(label) is { } path)
            {
                var candidate = Candidate(path);
                candidate.Score += 2;
                candidate.Evidence.Add(label.Trim());
            }
        }

        var labelAreas = candidates.Select(candidate => TopLevel(candidate.Path)).ToHashSet(StringComparer.Ordinal);
        var keywordHits = KeywordRules
            .Where(rule => rule.Keyword.IsFoundIn(text))
            .GroupBy(rule => rule.Path, StringComparer.Ordinal);
        foreach (var hits in keywordHits)
        {
            var count = hits.Count();
            if (labelAreas.Count > 0 && !labelAreas.Contains(TopLevel(hits.Key)) && count < 2)
            {
                continue;
            }

            var candidate = Candidate(hits.Key);
            candidate.Score += count;
            candidate.Evidence.AddRange(hits.Select(hit => $"'{hit.Keyword.Label}'"));
        }

        var leaves = candidates
            .Where(candidate => !candidates.Any(other => IsAncestorOf(candidate.Path, other.Path)))
            .Select(leaf =>
            {
                foreach (var ancestor in candidates.Where(other => IsAncestorOf(other.Path, leaf.Path)))
                {
                    leaf.Score += ancestor.Score;
                    leaf.Evidence.InsertRange(0, ancestor.Evidence);
                }

                return leaf;
            })
            .ToList();

        // Scores are read after every leaf has inherited; the sort is stable, so first appearance breaks ties.
        var ordered = leaves
            .OrderByDescending(leaf => leaf.Score)
            .ThenByDescending(leaf => leaf.Path.Count(c => c == '/'))
            .Take(ResearchClassification.MaxTopics)
            .ToList();
        return ordered.Count > 0 ? ordered : [new TopicMatch(Other)];
    }

    private static string TopLevel(string path)
    {
        var slash = path.IndexOf('/');
        return slash < 0 ? path : path[..slash];
    }

    /// <summary>A chosen path, its score and what suggested it (labels and quoted keywords).</summary>
    internal sealed class TopicMatch(string path)
    {
        public string Path { get; } = path;
        public int Score { get; set; }
        public List<string> Evidence { get; } = [];
    }
}
