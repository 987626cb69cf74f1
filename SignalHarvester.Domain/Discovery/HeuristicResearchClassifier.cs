using System.Text;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// Deterministic keyword classifier for research artifacts: used when no LLM is configured and as
/// the LLM's fallback. The same artifact always gets the same classification.
/// </summary>
/// <remarks>
/// <para>Category: an arXiv paper is a Preprint, or a Breakthrough when it uses breakthrough words
/// ("breakthrough", "state-of-the-art by a wide margin", "first demonstration"); a GitHub repo or
/// release is an Open-Source Release; anything else (stories, posts) takes the keyword category
/// with the most matches (Breakthrough, Funding/Grant, Conference/Workshop, Lab Milestone,
/// Open-Source Release, Preprint; ties go to the earlier), or Other.</para>
/// <para>Urgency 0..3: Breakthrough 2, Lab Milestone / Funding/Grant / Open-Source Release 1, others 0;
/// +1 for time-sensitive words (deadline, breaking, today...), +1 for a Breakthrough with two or more
/// breakthrough phrases.</para>
/// <para>Topics: <see cref="ResearchTaxonomy.TopicsFor"/> over the labels and title + text.</para>
/// <para>Entities: a GitHub owner (from an "owner/repo" title, a github.com link, or for GitHub
/// items without such a title the authors) is an org; other authors are people, given the first
/// affiliation; affiliations are labs (Lab, Research, DeepMind, a name ending in "AI", or an
/// institute that is not a university) or orgs (University, Inc, Corp, ... and anything else).</para>
/// </remarks>
public sealed class HeuristicResearchClassifier : IResearchClassifier
{
    public const string Name = HeuristicSignalClassifier.Name;

    private readonly bool _reportAsFallback;

    /// <param name="reportAsFallback">
    /// True when the heuristic stands in for a configured LLM that cannot be used (no API key), so
    /// that stored classifications say they are a fallback.
    /// </param>
    public HeuristicResearchClassifier(bool reportAsFallback = false) => _reportAsFallback = reportAsFallback;

    public Task<ResearchClassification> ClassifyAsync(ResearchText artifact, CancellationToken ct) =>
        Task.FromResult(Classify(artifact));

    public ResearchClassification Classify(ResearchText artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var text = string.IsNullOrWhiteSpace(artifact.Text) ? artifact.Title : $"{artifact.Title}\n{artifact.Text}";
        text = text.Replace('\u2019', '\'');

        var (category, categoryMatches, why) = Category(artifact, text);
        var urgent = Matching(ResearchVocabulary.UrgentWords, text);
        var urgency = BaseUrgency(category)
            + (urgent.Count > 0 ? 1 : 0)
            + (category == ResearchCategories.Breakthrough && categoryMatches.Count >= 2 ? 1 : 0);
        urgency = Math.Clamp(urgency, ResearchClassification.MinUrgency, ResearchClassification.MaxUrgency);

        var topics = ResearchTaxonomy.Match(artifact.Labels, text);
        var topicKeywords = ResearchTaxonomy.KeywordRules
            .Where(rule => topics.Any(topic => topic.Path == rule.Path || ResearchTaxonomy.IsAncestorOf(rule.Path, topic.Path)))
            .Select(rule => rule.Keyword)
            .Where(keyword => keyword.IsFoundIn(text));
        var tags = Tags(artifact.Labels, categoryMatches.Concat(topicKeywords));
        var entities = Entities(artifact);
        var reasoning = Reasoning(category, why, categoryMatches, urgency, urgent, topics, entities.Count);
        return new ResearchClassification(
            category, urgency, tags, topics.Select(topic => topic.Path).ToArray(), entities, reasoning, Name, _reportAsFallback);
    }

    private static (string Category, List<HeuristicKeyword> Matches, string Why) Category(ResearchText artifact, string text)
    {
        if (IsPaper(artifact))
        {
            var breakthrough = Matching(ResearchVocabulary.BreakthroughWords, text);
            return breakthrough.Count > 0
                ? (ResearchCategories.Breakthrough, breakthrough, "paper with breakthrough words")
                : (ResearchCategories.Preprint, [], "arXiv paper");
        }

        if (IsGitHub(artifact))
        {
            return (ResearchCategories.OpenSourceRelease, [], $"GitHub {artifact.ArtifactType}");
        }

        // Most keywords wins; ties go to the earlier category, since OrderBy is stable.
        var (category, matches) = ResearchVocabulary.Categories
            .Select(entry => (entry.Category, Matched: Matching(entry.Keywords, text)))
            .Where(entry => entry.Matched.Count > 0)
            .OrderByDescending(entry => entry.Matched.Count)
            .DefaultIfEmpty((ResearchCategories.Other, []))
            .First();
        return (category, matches, matches.Count > 0 ? "keywords" : "no category keywords");
    }

    private static bool IsPaper(ResearchText artifact) =>
        string.Equals(artifact.Source, "arxiv", StringComparison.OrdinalIgnoreCase)
        || string.Equals(artifact.ArtifactType, "paper", StringComparison.OrdinalIgnoreCase);

    private static bool IsGitHub(ResearchText artifact) =>
        string.Equals(artifact.Source, "github", StringComparison.OrdinalIgnoreCase)
        || artifact.ArtifactType.ToLowerInvariant() is "repo" or "release";

    private static int BaseUrgency(string category) => category switch
    {
        ResearchCategories.Breakthrough => 2,
        ResearchCategories.LabMilestone or ResearchCategories.FundingGrant or ResearchCategories.OpenSourceRelease => 1,
        _ => 0,
    };

    private static List<HeuristicKeyword> Matching(IReadOnlyList<HeuristicKeyword> keywords, string text) =>
        keywords.Where(keyword => keyword.IsFoundIn(text)).ToList();

    /// <summary>Labels first (lowercased), then the matched keywords, without duplicates; at most 8.</summary>
    private static string[] Tags(IEnumerable<string> labels, IEnumerable<HeuristicKeyword> matched) =>
        labels.Select(label => label.Trim().ToLowerInvariant())
            .Concat(matched.Where(keyword => keyword.IsTag).Select(keyword => keyword.Label))
            .Where(tag => tag.Length is > 0 and <= ResearchClassification.MaxTagLength)
            .Distinct(StringComparer.Ordinal)
            .Take(ResearchClassification.MaxTags)
            .ToArray();

    /// <summary>Orgs from GitHub, people from the authors, labs and orgs from the affiliations; deduplicated, at most 25.</summary>
    internal static IReadOnlyList<EntityMention> Entities(ResearchText artifact)
    {
        var entities = new List<EntityMention>();

        void Add(string? name, string type, string? affiliation = null)
        {
            var trimmed = name?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > ResearchClassification.MaxEntityNameLength
                || entities.Any(entity => entity.Type == type && string.Equals(entity.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            entities.Add(new EntityMention(trimmed, type, string.IsNullOrWhiteSpace(affiliation) ? null : affiliation.Trim()));
        }

        var github = IsGitHub(artifact);
        var owner = github ? ResearchVocabulary.GitHubTitle().Match(artifact.Title) is { Success: true } match ? match.Groups["owner"].Value : null : null;
        Add(owner, EntityTypes.Org);

        var firstAffiliation = artifact.Affiliations.FirstOrDefault(affiliation => !string.IsNullOrWhiteSpace(affiliation));
        foreach (var author in artifact.Authors)
        {
            if (github && (owner is null || string.Equals(author.Trim(), owner, StringComparison.OrdinalIgnoreCase)))
            {
                Add(author, EntityTypes.Org);
            }
            else
            {
                Add(author, EntityTypes.Person, firstAffiliation);
            }
        }

        foreach (var affiliation in artifact.Affiliations)
        {
            Add(affiliation, AffiliationType(affiliation));
        }

        foreach (var link in ResearchVocabulary.GitHubLink().Matches(artifact.Text ?? string.Empty).Cast<System.Text.RegularExpressions.Match>())
        {
            Add(link.Groups["owner"].Value, EntityTypes.Org);
        }

        return entities.Take(ResearchClassification.MaxEntities).ToArray();
    }

    /// <summary>"lab" or "org" for an institution's name; see the class remarks.</summary>
    public static string AffiliationType(string affiliation)
    {
        ArgumentNullException.ThrowIfNull(affiliation);
        if (ResearchVocabulary.LabWords().IsMatch(affiliation) || ResearchVocabulary.AiSuffix().IsMatch(affiliation))
        {
            return EntityTypes.Lab;
        }

        if (ResearchVocabulary.OrgWords().IsMatch(affiliation))
        {
            return EntityTypes.Org;
        }

        return ResearchVocabulary.InstituteWords().IsMatch(affiliation) ? EntityTypes.Lab : EntityTypes.Org;
    }

    private static string Reasoning(
        string category,
        string why,
        List<HeuristicKeyword> categoryMatches,
        int urgency,
        List<HeuristicKeyword> urgent,
        IReadOnlyList<ResearchTaxonomy.TopicMatch> topics,
        int entityCount)
    {
        var reasoning = new StringBuilder("Keyword heuristic: ").Append(category).Append(" (").Append(why);
        if (categoryMatches.Count > 0)
        {
            reasoning.Append(": ").AppendJoin(", ", categoryMatches.Select(keyword => keyword.Label));
        }

        reasoning.Append("); urgency ").Append(urgency);
        if (urgent.Count > 0)
        {
            reasoning.Append(" (time-sensitive: ").AppendJoin(", ", urgent.Select(keyword => keyword.Label)).Append(')');
        }

        reasoning.Append("; topics ").AppendJoin(", ", topics.Select(topic =>
            topic.Evidence.Count > 0 ? $"{topic.Path} (from {string.Join(", ", topic.Evidence.Distinct())})" : topic.Path));
        reasoning.Append("; ").Append(entityCount).Append(entityCount == 1 ? " entity." : " entities.");
        // Our own text, so shortening it is harmless (unlike an LLM's answer, which is rejected).
        return reasoning.Length <= ResearchClassification.MaxReasoningLength
            ? reasoning.ToString()
            : string.Concat(reasoning.ToString(0, ResearchClassification.MaxReasoningLength - 3), "...");
    }
}
