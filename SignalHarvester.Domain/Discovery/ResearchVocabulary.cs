using System.Text.RegularExpressions;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Domain.Discovery;

/// <summary>The word lists of <see cref="HeuristicResearchClassifier"/>.</summary>
internal static partial class ResearchVocabulary
{
    public static IReadOnlyList<HeuristicKeyword> BreakthroughWords { get; } =
    [
        HeuristicKeyword.Words("breakthrough", "breakthrough", "breakthroughs"),
        HeuristicKeyword.Matching("sota-by-wide-margin",
            @"\bstate[-\s]of[-\s]the[-\s]art\s+by\s+a\s+(?:wide|large|significant|huge)\s+margin\b"),
        HeuristicKeyword.Words("first-demonstration", "first demonstration", "first experimental demonstration", "first-ever"),
        HeuristicKeyword.Words("record", "world record", "record-breaking"),
    ];

    /// <summary>Keyword categories for stories and posts, in priority order: on a tie the earlier wins.</summary>
    public static IReadOnlyList<(string Category, IReadOnlyList<HeuristicKeyword> Keywords)> Categories { get; } =
    [
        (ResearchCategories.Breakthrough, BreakthroughWords),
        (ResearchCategories.FundingGrant,
        [
            HeuristicKeyword.Words("funding", "funding", "funded", "fundraise", "fundraising"),
            HeuristicKeyword.Words("grant", "grant", "grants", "awarded a grant"),
            HeuristicKeyword.Words("raises", "raises", "raised", "raising"),
            HeuristicKeyword.Words("seed-round", "seed round", "pre-seed", "series a", "series b", "series c", "series d"),
            HeuristicKeyword.Words("investment", "investment", "investors", "venture capital", "valuation"),
            HeuristicKeyword.Words("fellowship", "fellowship", "fellowships"),
            HeuristicKeyword.Matching("amount", @"\$\s?\d+(?:\.\d+)?\s?(?:m|b|bn|million|billion)\b", isTag: false),
        ]),
        (ResearchCategories.ConferenceWorkshop,
        [
            HeuristicKeyword.Words("workshop", "workshop", "workshops"),
            HeuristicKeyword.Words("conference", "conference", "conferences", "symposium", "summit"),
            HeuristicKeyword.Words("call-for-papers", "call for papers", "call for submissions", "cfp", "submission deadline", "camera-ready"),
            HeuristicKeyword.Words("keynote", "keynote", "tutorial session", "poster session"),
            HeuristicKeyword.Words("venue", "neurips", "icml", "iclr", "cvpr", "iccv", "eccv", "acl", "emnlp", "naacl", "aaai", "ijcai",
                "kdd", "sigmod", "vldb", "osdi", "sosp", "qip", "icra", "iros", "usenix"),
        ]),
        (ResearchCategories.LabMilestone,
        [
            HeuristicKeyword.Words("lab-announces", "lab announces", "lab announced", "laboratory announces"),
            HeuristicKeyword.Matching("excited-to-announce", @"\b(?:we\s+are|we're|we\s+re)\s+(?:excited|thrilled|proud|delighted)\s+to\s+(?:announce|share|introduce)\b"),
            HeuristicKeyword.Words("milestone", "milestone", "milestones"),
            HeuristicKeyword.Words("announces", "announces", "announced", "announcing", "unveils", "unveiled", "introducing"),
            HeuristicKeyword.Words("launch", "launches", "launched", "launching"),
            HeuristicKeyword.Words("new-lab", "new lab", "opens lab", "opens a lab", "new research lab", "new institute"),
        ]),
        (ResearchCategories.OpenSourceRelease,
        [
            HeuristicKeyword.Words("open-source", "open source", "open-source", "open-sourced", "open-sourcing"),
            HeuristicKeyword.Words("open-weights", "open weights", "open-weight", "weights released", "model weights"),
            HeuristicKeyword.Matching("github", @"\bgithub\.com/[\w.-]+/[\w.-]+"),
            HeuristicKeyword.Words("code-release", "code is available", "code available", "released the code", "source code"),
            HeuristicKeyword.Words("license", "apache 2.0", "apache-2.0", "mit license", "gpl"),
            HeuristicKeyword.Words("show-hn", "show hn"),
        ]),
        (ResearchCategories.Preprint,
        [
            HeuristicKeyword.Matching("arxiv", @"\barxiv(?:\.org)?\b"),
            HeuristicKeyword.Words("preprint", "preprint", "pre-print"),
            HeuristicKeyword.Matching("paper", @"\bpapers?\b|\[pdf\]"),
        ]),
    ];

    /// <summary>Words that make an item time-sensitive: one extra urgency point.</summary>
    public static IReadOnlyList<HeuristicKeyword> UrgentWords { get; } =
    [
        HeuristicKeyword.Words("deadline", "deadline", "deadlines", "closing soon", "last chance"),
        HeuristicKeyword.Words("breaking", "breaking", "just announced", "just released", "today", "now available", "live now"),
    ];

    /// <summary>"owner/repo" at the start of a GitHub title ("owner/repo v1.2: name" for a release).</summary>
    [GeneratedRegex(@"^\s*(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/[A-Za-z0-9._-]+", RegexOptions.CultureInvariant)]
    public static partial Regex GitHubTitle();

    /// <summary>A github.com repository link anywhere in a text.</summary>
    [GeneratedRegex(@"\bgithub\.com/(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/[A-Za-z0-9._-]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex GitHubLink();

    /// <summary>Words that make an affiliation a lab ("Google Research", "FAIR Lab", "DeepMind").</summary>
    [GeneratedRegex(@"\b(?:lab|labs|laboratory|laboratories|research|deepmind)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex LabWords();

    /// <summary>"AI" as a name suffix ("OpenAI", "Mistral AI", "Allen Institute for AI"); case-sensitive so "Hawaii" is not one.</summary>
    [GeneratedRegex(@"AI\b", RegexOptions.CultureInvariant)]
    public static partial Regex AiSuffix();

    /// <summary>Words that make an affiliation an organisation, checked after the lab words.</summary>
    [GeneratedRegex(@"\b(?:university|universit\w*|college|school|institute\s+of\s+technology|inc|corp|corporation|ltd|llc|gmbh|company|foundation)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex OrgWords();

    /// <summary>Research institutes that are not universities ("Max Planck Institute", "Vector Institute").</summary>
    [GeneratedRegex(@"\b(?:institute|institut|centre|center)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex InstituteWords();
}
