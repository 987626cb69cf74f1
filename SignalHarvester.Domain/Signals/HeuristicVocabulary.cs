namespace SignalHarvester.Domain.Signals;

/// <summary>The word lists of <see cref="HeuristicSignalClassifier"/>.</summary>
internal static class HeuristicVocabulary
{
    /// <summary>
    /// Category keywords in priority order: when two categories match equally often, the earlier
    /// (more severe) one wins, so "is the API down?" is an outage rather than a question.
    /// </summary>
    public static IReadOnlyList<(SignalCategory Category, IReadOnlyList<HeuristicKeyword> Keywords)> Categories { get; } =
    [
        (SignalCategory.Security,
        [
            HeuristicKeyword.Matching("cve", @"\bcve-\d{4}-\d{4,}\b"),
            HeuristicKeyword.Words("vulnerability", "vulnerability", "vulnerabilities", "vulnerable", "vuln", "vulns"),
            HeuristicKeyword.Words("exploit", "exploit", "exploits", "exploited", "exploitable"),
            HeuristicKeyword.Words("breach", "breach", "breached", "data breach"),
            HeuristicKeyword.Words("leaked", "leak", "leaks", "leaked"),
            HeuristicKeyword.Words("rce", "rce", "remote code execution"),
            HeuristicKeyword.Words("xss", "xss", "cross-site scripting"),
            HeuristicKeyword.Words("sql-injection", "sql injection", "sqli"),
            HeuristicKeyword.Words("csrf", "csrf"),
            HeuristicKeyword.Words("zero-day", "zero-day", "zero day", "0day", "0-day"),
            HeuristicKeyword.Words("malware", "malware", "ransomware", "backdoor", "backdoored"),
            HeuristicKeyword.Words("compromised", "compromised", "hacked"),
            HeuristicKeyword.Words("privilege-escalation", "privilege escalation"),
            HeuristicKeyword.Words("security-advisory", "security advisory", "security patch", "security fix"),
        ]),
        (SignalCategory.Outage,
        [
            HeuristicKeyword.Words("outage", "outage", "outages"),
            // "down" alone is too common ("let me down", "scroll down", "zero downtime"); these are the outage uses.
            HeuristicKeyword.Matching("down",
                @"\b(?:is|are|was|were|went|goes|going|still|been|completely|totally|all)\s+down\b|\bdown\s+(?:again|for\s+(?:everyone|anyone|me|hours))\b"),
            HeuristicKeyword.Words("degraded", "degraded", "degradation"),
            HeuristicKeyword.Matching("5xx", @"\b5xxs?\b|\b50[234]s?\b|\b500\s+(?:error|errors|internal)\b|\bhttp\s+500\b|\bbad\s+gateway\b"),
            HeuristicKeyword.Words("unavailable", "unavailable", "unreachable", "not loading", "won't load", "can't connect", "cannot connect"),
            HeuristicKeyword.Words("incident", "incident", "incidents"),
            HeuristicKeyword.Words("service-disruption", "service disruption", "disruption", "offline"),
            HeuristicKeyword.Words("timeout", "timeout", "timeouts", "timing out", "timed out"),
            HeuristicKeyword.Words("status-page", "status page", "statuspage"),
        ]),
        (SignalCategory.Bug,
        [
            HeuristicKeyword.Words("bug", "bug", "bugs", "buggy"),
            HeuristicKeyword.Words("crash", "crash", "crashes", "crashed", "crashing"),
            HeuristicKeyword.Words("regression", "regression", "regressed"),
            HeuristicKeyword.Words("broken", "broken", "breaks", "broke"),
            HeuristicKeyword.Words("error", "error", "errors"),
            HeuristicKeyword.Words("exception", "exception", "stack trace", "stacktrace", "segfault"),
            HeuristicKeyword.Words("not-working", "not working", "doesn't work", "does not work", "stopped working"),
            HeuristicKeyword.Words("glitch", "glitch", "glitches", "freezes", "frozen", "hangs"),
        ]),
        (SignalCategory.Question,
        [
            // A question mark that ends a sentence; "?" inside a URL's query string does not count.
            HeuristicKeyword.Matching("question mark", @"\?(?=\s|$)", isTag: false),
            HeuristicKeyword.Words("how-do-i", "how do i", "how can i", "how to", "how does"),
            HeuristicKeyword.Words("anyone-know", "anyone know", "anyone knows", "does anyone", "has anyone", "can anyone"),
            HeuristicKeyword.Words("is-there-a-way", "is there a way", "is it possible"),
            HeuristicKeyword.Words("any-idea", "any idea", "any ideas", "any tips", "any advice"),
            HeuristicKeyword.Words("help", "can someone help", "need help", "please help"),
        ]),
        (SignalCategory.Praise,
        [
            HeuristicKeyword.Words("love", "love", "loving", "loved"),
            HeuristicKeyword.Words("thanks", "thanks", "thank you", "thx"),
            HeuristicKeyword.Words("amazing", "amazing", "awesome", "fantastic", "incredible", "brilliant", "excellent"),
            HeuristicKeyword.Words("great-job", "great job", "great work", "well done", "nice work", "nailed it"),
            HeuristicKeyword.Words("kudos", "kudos", "shoutout", "shout-out", "props to"),
            HeuristicKeyword.Words("impressed", "impressed", "impressive"),
        ]),
    ];

    /// <summary>Any of these forces urgency to at least 3 (as the original system did).</summary>
    public static IReadOnlyList<HeuristicKeyword> NegativeWords { get; } =
    [
        HeuristicKeyword.Words("terrible", "terrible", "awful", "horrible", "horrendous"),
        HeuristicKeyword.Words("worst", "worst"),
        HeuristicKeyword.Words("hate", "hate", "hated", "hating"),
        HeuristicKeyword.Words("frustrating", "frustrating", "frustrated", "annoying", "annoyed"),
        HeuristicKeyword.Words("angry", "angry", "furious", "livid"),
        HeuristicKeyword.Words("unacceptable", "unacceptable", "ridiculous", "wtf"),
        HeuristicKeyword.Words("useless", "useless", "unusable"),
        HeuristicKeyword.Words("disappointed", "disappointed", "disappointing"),
        HeuristicKeyword.Words("broken", "broken"),
        HeuristicKeyword.Words("failing", "fail", "fails", "failed", "failing", "failure"),
        HeuristicKeyword.Words("outage", "outage", "outages"),
        HeuristicKeyword.Words("crash", "crash", "crashes", "crashed", "crashing"),
        HeuristicKeyword.Words("data-loss", "data loss", "lost data", "lost all"),
    ];

    public static IReadOnlyList<HeuristicKeyword> PositiveWords { get; } =
    [
        HeuristicKeyword.Words("love", "love", "loving", "loved"),
        HeuristicKeyword.Words("thanks", "thanks", "thank you", "thx"),
        HeuristicKeyword.Words("great", "great", "awesome", "amazing", "fantastic", "excellent", "brilliant", "incredible"),
        HeuristicKeyword.Words("happy", "happy", "glad", "delighted"),
        HeuristicKeyword.Words("impressed", "impressed", "impressive"),
        HeuristicKeyword.Words("smooth", "smooth", "seamless", "fast"),
        HeuristicKeyword.Words("fixed", "fixed", "resolved", "works great", "working again"),
        HeuristicKeyword.Words("kudos", "kudos", "well done", "nice work"),
    ];

    /// <summary>Words that ask for immediate attention: one extra urgency point.</summary>
    public static IReadOnlyList<HeuristicKeyword> UrgentWords { get; } =
    [
        HeuristicKeyword.Words("urgent", "urgent", "urgently", "asap", "immediately", "right now"),
        HeuristicKeyword.Words("critical", "critical", "emergency", "p0", "sev1", "sev-1", "sev0", "sev-0"),
    ];
}
