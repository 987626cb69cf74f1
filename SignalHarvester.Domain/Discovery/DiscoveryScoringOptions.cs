namespace SignalHarvester.Domain.Discovery;

/// <summary>Weights of <see cref="DiscoveryScorer"/>; bound from the <c>Discovery:Scoring</c> configuration section.</summary>
public sealed class DiscoveryScoringOptions
{
    public const string SectionName = "Discovery:Scoring";

    public double NoveltyWeight { get; set; } = 0.35;
    public double EmergenceWeight { get; set; } = 0.30;
    public double ObscurityWeight { get; set; } = 0.20;

    /// <summary>The score is multiplied by <c>exp(-ageHours / RecencyTimeConstantHours)</c>; must be positive.</summary>
    public double RecencyTimeConstantHours { get; set; } = 336;

    /// <summary>Time constant of Emergence's freshness term <c>exp(-ageHours / EmergenceTimeConstantHours)</c>; must be positive.</summary>
    public double EmergenceTimeConstantHours { get; set; } = 72;

    public SourcePriorOptions SourcePriors { get; set; } = new();

    /// <summary>Points per other source that mentions the artifact, up to <see cref="MaxCrossSourceBonus"/>.</summary>
    public double CrossSourceBonusPerSource { get; set; } = 5;

    public double MaxCrossSourceBonus { get; set; } = 15;

    /// <summary>Points when an author is a known expert account.</summary>
    public double ExpertBonus { get; set; } = 10;

    /// <summary>
    /// Words that lower Obscurity (10 points each, at most 3 counted). Null (the default) means
    /// <see cref="DefaultHypeWords"/>; a configured list replaces the defaults rather than adding to them.
    /// </summary>
    public List<string>? HypeWords { get; set; }

    /// <summary>
    /// Terms that raise Obscurity (5 points each, at most 4 counted). Null (the default) means
    /// <see cref="DefaultTechnicalTerms"/>; a configured list replaces the defaults.
    /// </summary>
    public List<string>? TechnicalTerms { get; set; }

    public static IReadOnlyList<string> DefaultHypeWords { get; } =
    [
        "revolutionary", "revolutionize", "game-changer", "game changer", "game-changing", "groundbreaking", "mind-blowing",
        "mind blowing", "insane", "unbelievable", "magic", "magical", "disruptive", "10x", "next big thing", "paradigm shift",
        "must-see", "world-changing", "hype", "viral", "crazy", "jaw-dropping", "agi",
    ];

    public static IReadOnlyList<string> DefaultTechnicalTerms { get; } =
    [
        "theorem", "lemma", "proof", "ablation", "asymptotic", "convergence", "gradient", "variational", "stochastic", "bayesian",
        "eigenvalue", "hamiltonian", "qubit", "fidelity", "regret bound", "sample complexity", "manifold", "tensor", "entropy",
        "quantization", "sparsity", "latency", "throughput", "consensus", "lattice", "kernel", "benchmark", "inference",
        "optimization", "transformer", "diffusion", "homomorphic",
    ];

    /// <summary>The hype words in effect: <see cref="HypeWords"/> when configured, else the defaults.</summary>
    public IReadOnlyList<string> EffectiveHypeWords => HypeWords is { Count: > 0 } ? HypeWords : DefaultHypeWords;

    /// <summary>The technical terms in effect: <see cref="TechnicalTerms"/> when configured, else the defaults.</summary>
    public IReadOnlyList<string> EffectiveTechnicalTerms => TechnicalTerms is { Count: > 0 } ? TechnicalTerms : DefaultTechnicalTerms;

    /// <summary>Obscurity's starting points by source: niche sources rank above mass ones.</summary>
    public sealed class SourcePriorOptions
    {
        public double Arxiv { get; set; } = 80;
        public double GitHub { get; set; } = 60;
        public double HackerNews { get; set; } = 50;
        public double X { get; set; } = 20;
        public double Other { get; set; } = 50;

        /// <summary>The prior of a source name ("arxiv", "github", "hackernews", "x"; ignoring case), else <see cref="Other"/>.</summary>
        public double For(string? source) => source?.Trim().ToLowerInvariant() switch
        {
            "arxiv" => Arxiv,
            "github" => GitHub,
            "hackernews" => HackerNews,
            "x" => X,
            _ => Other,
        };
    }
}
