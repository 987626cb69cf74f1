using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// How much a research artifact deserves discovery, 0..100. Pure and deterministic: the caller
/// supplies "now", the embedding and the topic statistics.
/// </summary>
/// <remarks>
/// <para><c>ageHours = max(0, now − PublishedAt)</c> (a future date counts as brand new).</para>
/// <para><b>Novelty</b> = <c>100 · (0.7 · centroidDistance + 0.3 · lexicalRichness)</c>, where
/// <c>centroidDistance = clamp(1 − cosine(embedding, topicCentroid), 0, 1)</c>. With no centroid
/// (null or empty: the first artifact of a topic) the distance is 1 — a new topic is maximally
/// novel. With a centroid but no embedding the distance is unknown and counts as 0.5.
/// <c>lexicalRichness</c> = distinct words / words of title + text (0 without words; see
/// <see cref="LexicalRichness"/>).</para>
/// <para><b>Emergence</b> = <c>100 · (0.5 · exp(−ageHours / EmergenceTimeConstantHours) + 0.5 · growth)</c>,
/// <c>growth = clamp((last7 − prev7) / max(prev7, 1) / 2 + 0.5 · min(1, last7 / 10), 0, 1)</c>: growth
/// of the topic week over week plus its absolute activity; rising in last7, falling in prev7.</para>
/// <para><b>Obscurity</b> = <c>clamp(sourcePrior + 5 · min(4, technicalTerms) − 10 · min(3, hypeWords), 0, 100)</c>,
/// counting distinct terms found as whole words (plural "s"/"es" allowed) in title + text, ignoring case.</para>
/// <para><b>Score</b> = <c>clamp((wN · N + wE · E + wO · O + crossSourceBonus + expertBonus) · exp(−ageHours / RecencyTimeConstantHours), 0, 100)</c>,
/// <c>crossSourceBonus = min(MaxCrossSourceBonus, CrossSourceBonusPerSource · otherSources)</c>,
/// <c>expertBonus = ExpertBonus</c> when an author is an expert.</para>
/// </remarks>
public sealed class DiscoveryScorer
{
    public const double Min = 0;
    public const double Max = 100;
    public const double CentroidDistanceShare = 0.7;
    public const double LexicalRichnessShare = 0.3;
    public const int MaxTechnicalTermsCounted = 4;
    public const int MaxHypeWordsCounted = 3;
    public const double PointsPerTechnicalTerm = 5;
    public const double PointsPerHypeWord = 10;

    /// <summary>Centroid distance of an artifact without an embedding in a topic that has a centroid.</summary>
    public const double UnknownCentroidDistance = 0.5;

    private readonly DiscoveryScoringOptions _options;
    private readonly Regex[] _technicalTerms;
    private readonly Regex[] _hypeWords;

    public DiscoveryScorer(DiscoveryScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Validate(options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        ConfigVersion = VersionOf(options);
        _technicalTerms = Patterns(options.EffectiveTechnicalTerms);
        _hypeWords = Patterns(options.EffectiveHypeWords);
    }

    public DiscoveryScorer(IOptions<DiscoveryScoringOptions> options) : this(options.Value)
    {
    }

    /// <summary>
    /// Identifies the scoring configuration a stored score was computed with: "v1-" and 16 hex digits
    /// of a 64-bit FNV-1a hash over every weight, time constant, prior, bonus and word list (invariant
    /// formatting). Equal configurations give equal versions on every machine.
    /// </summary>
    public string ConfigVersion { get; }

    /// <summary>See <see cref="ConfigVersion"/>.</summary>
    public static string VersionOf(DiscoveryScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var p = options.SourcePriors;
        double[] numbers =
        [
            options.NoveltyWeight, options.EmergenceWeight, options.ObscurityWeight, options.RecencyTimeConstantHours,
            options.EmergenceTimeConstantHours, p.Arxiv, p.GitHub, p.HackerNews, p.X, p.Other,
            options.CrossSourceBonusPerSource, options.MaxCrossSourceBonus, options.ExpertBonus,
        ];
        var canonical = string.Join('|', numbers.Select(number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
            + "|hype:" + string.Join(',', options.EffectiveHypeWords.Select(word => word.Trim().ToLowerInvariant()))
            + "|tech:" + string.Join(',', options.EffectiveTechnicalTerms.Select(term => term.Trim().ToLowerInvariant()));
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(canonical))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return $"v1-{hash:x16}";
    }

    /// <summary>Null when the options are usable, else what is wrong.</summary>
    public static string? Validate(DiscoveryScoringOptions options) =>
        !(options.RecencyTimeConstantHours > 0) ? "Discovery:Scoring:RecencyTimeConstantHours must be positive."
        : !(options.EmergenceTimeConstantHours > 0) ? "Discovery:Scoring:EmergenceTimeConstantHours must be positive."
        : new[] { options.NoveltyWeight, options.EmergenceWeight, options.ObscurityWeight }.Any(weight => !(weight >= 0))
            ? "Discovery:Scoring weights must not be negative."
        : null;

    public DiscoveryScoreComponents Score(DiscoveryScoreInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var ageHours = Math.Max(0, (now - input.PublishedAt).TotalHours);
        var text = string.IsNullOrEmpty(input.Text) ? input.Title : $"{input.Title}\n{input.Text}";

        var novelty = 100 * (CentroidDistanceShare * CentroidDistance(input.Embedding, input.TopicCentroid)
                             + LexicalRichnessShare * LexicalRichness(text));
        var emergence = 100 * (0.5 * Math.Exp(-ageHours / o.EmergenceTimeConstantHours)
                               + 0.5 * Growth(input.TopicArtifactsLast7Days, input.TopicArtifactsPrevious7Days));
        var technical = Math.Min(MaxTechnicalTermsCounted, _technicalTerms.Count(term => term.IsMatch(text)));
        var hype = Math.Min(MaxHypeWordsCounted, _hypeWords.Count(word => word.IsMatch(text)));
        var obscurity = Math.Clamp(o.SourcePriors.For(input.Source) + PointsPerTechnicalTerm * technical - PointsPerHypeWord * hype, Min, Max);

        var crossSource = Math.Min(o.MaxCrossSourceBonus, o.CrossSourceBonusPerSource * Math.Max(0, input.OtherSourcesMentioning));
        var expert = input.HasExpertAuthor ? o.ExpertBonus : 0;
        var recency = Math.Exp(-ageHours / o.RecencyTimeConstantHours);

        var score = Combine(o, novelty, emergence, obscurity, crossSource + expert, recency);
        return new DiscoveryScoreComponents(
            Round(novelty), Round(emergence), Round(obscurity), Round(crossSource), Round(expert), Round(recency), Round(score));
    }

    /// <summary>
    /// The score from its parts under <paramref name="weights"/>' weights:
    /// <c>clamp((wN · novelty + wE · emergence + wO · obscurity + bonuses) · recencyFactor, 0, 100)</c>.
    /// Experiments re-score stored components with it.
    /// </summary>
    public static double Combine(DiscoveryScoringOptions weights, double novelty, double emergence, double obscurity, double bonuses, double recencyFactor)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var raw = weights.NoveltyWeight * novelty + weights.EmergenceWeight * emergence + weights.ObscurityWeight * obscurity + bonuses;
        return Math.Clamp(raw * recencyFactor, Min, Max);
    }

    /// <summary><c>clamp(1 − cosine, 0, 1)</c>; 1 without a centroid (new topic), 0.5 with a centroid but no embedding.</summary>
    public static double CentroidDistance(float[]? embedding, float[]? centroid)
    {
        if (centroid is null || centroid.Length == 0)
        {
            return 1;
        }

        if (embedding is null || embedding.Length == 0)
        {
            return UnknownCentroidDistance;
        }

        return Math.Clamp(1 - VectorMath.CosineSimilarity(embedding, centroid), 0, 1);
    }

    /// <summary>
    /// Distinct words / words (type-token ratio), 0..1, over lowercased maximal runs of letters and
    /// digits; 0 for a text without words. Short texts naturally score high.
    /// </summary>
    public static double LexicalRichness(string? text)
    {
        var words = HashedNgramEmbeddingGenerator.Words(text);
        return words.Count == 0 ? 0 : (double)words.Distinct(StringComparer.Ordinal).Count() / words.Count;
    }

    /// <summary><c>clamp((last7 − prev7) / max(prev7, 1) / 2 + 0.5 · min(1, last7 / 10), 0, 1)</c>; negative counts count as 0.</summary>
    public static double Growth(int last7Days, int previous7Days)
    {
        double last = Math.Max(0, last7Days);
        double previous = Math.Max(0, previous7Days);
        return Math.Clamp((last - previous) / Math.Max(previous, 1) / 2 + 0.5 * Math.Min(1, last / 10), 0, 1);
    }

    private static Regex[] Patterns(IEnumerable<string> terms) =>
        terms.Where(term => !string.IsNullOrWhiteSpace(term))
            .Select(term => term.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(term => new Regex(
                $@"(?<![\w-]){Regex.Escape(term).Replace("\\ ", "\\s+", StringComparison.Ordinal)}(?:s|es)?(?![\w-])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled))
            .ToArray();

    // Banker's rounding, like the salience calculator.
    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.ToEven);
}
