using System.Text;
using System.Text.RegularExpressions;

namespace SignalHarvester.Domain.Signals;

/// <summary>
/// Deterministic keyword classifier: used when no LLM is configured and as the LLM's fallback.
/// The same post always gets the same classification (no randomness, culture-invariant).
/// </summary>
public sealed partial class HeuristicSignalClassifier : ISignalClassifier
{
    public const string Name = "heuristic";

    /// <summary>Weighted engagement (likes + 3 retweets + 2 replies + 2.5 quotes) from which a problem report counts as viral.</summary>
    public const double ViralEngagement = 1000;

    /// <summary>Urgency a category starts with before negative, urgent and viral signals.</summary>
    private static int BaseUrgency(SignalCategory category) => category switch
    {
        SignalCategory.Outage or SignalCategory.Security => 3,
        SignalCategory.Bug => 2,
        SignalCategory.Question => 1,
        _ => 0,
    };

    private readonly bool _reportAsFallback;

    /// <param name="reportAsFallback">
    /// True when the heuristic stands in for a configured LLM that cannot be used (no API key), so
    /// that stored classifications say they are a fallback.
    /// </param>
    public HeuristicSignalClassifier(bool reportAsFallback = false) => _reportAsFallback = reportAsFallback;

    public Task<SignalClassification> ClassifyAsync(SignalText post, CancellationToken ct) =>
        Task.FromResult(Classify(post));

    public SignalClassification Classify(SignalText post)
    {
        ArgumentNullException.ThrowIfNull(post);
        // Curly apostrophes are common on X and would hide "doesn't", "can't".
        var text = post.Text.Replace('\u2019', '\'');

        var matchesByCategory = HeuristicVocabulary.Categories
            .Select(entry => (entry.Category, Matched: Matching(entry.Keywords, text)))
            .ToList();
        // Most keywords wins; ties go to the earlier (more severe) category, since OrderBy is stable.
        var (category, categoryMatches) = matchesByCategory
            .Where(entry => entry.Matched.Count > 0)
            .OrderByDescending(entry => entry.Matched.Count)
            .DefaultIfEmpty((SignalCategory.Other, []))
            .First();

        var negative = Matching(HeuristicVocabulary.NegativeWords, text);
        var positive = Matching(HeuristicVocabulary.PositiveWords, text);
        var sentiment = negative.Count > positive.Count ? SignalSentiment.Negative
            : positive.Count > negative.Count ? SignalSentiment.Positive
            : SignalSentiment.Neutral;

        var urgent = Matching(HeuristicVocabulary.UrgentWords, text);
        var viral = IsProblem(category) && WeightedEngagement(post) >= ViralEngagement;
        var urgency = BaseUrgency(category) + (urgent.Count > 0 ? 1 : 0) + (viral ? 1 : 0);
        if (negative.Count > 0)
        {
            urgency = Math.Max(urgency, 3);
        }

        urgency = Math.Clamp(urgency, SignalClassification.MinUrgency, SignalClassification.MaxUrgency);

        var tags = Tags(text, matchesByCategory.SelectMany(entry => entry.Matched));
        var reasoning = Reasoning(category, categoryMatches, sentiment, negative, positive, urgency, urgent, viral);
        return new SignalClassification(category, sentiment, urgency, tags, reasoning, Name, _reportAsFallback);
    }

    private static List<HeuristicKeyword> Matching(IReadOnlyList<HeuristicKeyword> keywords, string text) =>
        keywords.Where(keyword => keyword.IsFoundIn(text)).ToList();

    private static bool IsProblem(SignalCategory category) =>
        category is SignalCategory.Outage or SignalCategory.Security or SignalCategory.Bug;

    private static double WeightedEngagement(SignalText post) =>
        post.LikeCount + 3.0 * post.RetweetCount + 2.0 * post.ReplyCount + 2.5 * post.QuoteCount;

    /// <summary>Hashtags first (as written, lowercased), then the matched keywords, without duplicates.</summary>
    private static string[] Tags(string text, IEnumerable<HeuristicKeyword> matchedKeywords)
    {
        var hashtags = HashtagPattern().Matches(text)
            .Select(match => match.Groups[1].Value.ToLowerInvariant())
            .Where(tag => tag.Length <= SignalClassification.MaxTagLength);
        var keywords = matchedKeywords.Where(keyword => keyword.IsTag).Select(keyword => keyword.Label);
        return hashtags.Concat(keywords).Distinct(StringComparer.Ordinal).Take(SignalClassification.MaxTags).ToArray();
    }

    private static string Reasoning(
        SignalCategory category,
        List<HeuristicKeyword> categoryMatches,
        SignalSentiment sentiment,
        List<HeuristicKeyword> negative,
        List<HeuristicKeyword> positive,
        int urgency,
        List<HeuristicKeyword> urgent,
        bool viral)
    {
        var reasoning = new StringBuilder("Keyword heuristic: ");
        reasoning.Append(category.ToStorageName());
        reasoning.Append(categoryMatches.Count > 0 ? $" (matched {Labels(categoryMatches)})" : " (no category keywords)");
        reasoning.Append("; sentiment ").Append(sentiment.ToStorageName());
        if (negative.Count > 0)
        {
            reasoning.Append($" (negative: {Labels(negative)})");
        }

        if (positive.Count > 0)
        {
            reasoning.Append($" (positive: {Labels(positive)})");
        }

        reasoning.Append("; urgency ").Append(urgency);
        var why = new List<string>();
        if (urgent.Count > 0)
        {
            why.Add($"urgent words: {Labels(urgent)}");
        }

        if (viral)
        {
            why.Add("viral engagement");
        }

        if (negative.Count > 0)
        {
            why.Add("negative words force at least 3");
        }

        if (why.Count > 0)
        {
            reasoning.Append(" (").AppendJoin("; ", why).Append(')');
        }

        reasoning.Append('.');
        // Our own text, so shortening it is harmless (unlike an LLM's answer, which is rejected).
        return reasoning.Length <= SignalClassification.MaxReasoningLength
            ? reasoning.ToString()
            : string.Concat(reasoning.ToString(0, SignalClassification.MaxReasoningLength - 3), "...");
    }

    private static string Labels(IEnumerable<HeuristicKeyword> keywords) =>
        string.Join(", ", keywords.Select(keyword => keyword.Label));

    // A hashtag must contain a letter ("#1" is not one on X) and not follow a word character ("C#").
    [GeneratedRegex(@"(?<![\w#&])#(\w*[^\W\d_]\w*)", RegexOptions.CultureInvariant)]
    private static partial Regex HashtagPattern();
}
