using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// Finds arXiv ids (new style "2511.14902", old style "hep-th/9901001"), DOIs and github.com
/// repository URLs in free text. New-style arXiv ids need an arXiv marker ("arXiv:", "arxiv.org/abs/",
/// the 10.48550 DOI) because a bare "2511.14902" is as likely a version or a price.
/// </summary>
public static partial class ArtifactReferenceExtractor
{
    // Paths on github.com that look like owner/name but are not repositories.
    private static readonly HashSet<string> ReservedGitHubOwners = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "apps", "collections", "codespaces", "customer-stories", "enterprise", "events", "explore", "features",
        "issues", "join", "login", "marketplace", "new", "notifications", "orgs", "pricing", "pulls", "readme", "search",
        "security", "settings", "site", "sponsors", "topics", "trending", "users",
    };

    /// <summary>The distinct references in <paramref name="text"/>, in order of first appearance.</summary>
    public static IReadOnlyList<ArtifactReference> Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var found = new List<(int Index, ArtifactReference Reference)>();
        foreach (Match match in NewStyleArxivId().Matches(text))
        {
            if (IsValidNewStyleId(match.Groups["id"].Value))
            {
                found.Add((match.Index, new ArtifactReference(ArtifactReferenceKind.Arxiv, match.Groups["id"].Value)));
            }
        }

        foreach (Match match in OldStyleArxivId().Matches(text))
        {
            // The subject class ("math.GT/0309136") is not part of the id arXiv serves ("math/0309136").
            var id = $"{match.Groups["archive"].Value.ToLowerInvariant()}/{match.Groups["number"].Value}";
            found.Add((match.Index, new ArtifactReference(ArtifactReferenceKind.Arxiv, id)));
        }

        foreach (Match match in Doi().Matches(text))
        {
            var doi = TrimTrailingPunctuation(match.Groups["doi"].Value);
            // arXiv's own DOIs (10.48550/arXiv.<id>) are found as arXiv ids above.
            if (!doi.StartsWith("10.48550/", StringComparison.OrdinalIgnoreCase) && doi.Contains('/', StringComparison.Ordinal) && !doi.EndsWith('/'))
            {
                found.Add((match.Index, new ArtifactReference(ArtifactReferenceKind.Doi, doi.ToLowerInvariant())));
            }
        }

        foreach (Match match in GitHubRepository().Matches(text))
        {
            var owner = match.Groups["owner"].Value;
            var name = TrimTrailingPunctuation(match.Groups["name"].Value);
            if (name.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^4];
            }

            name = name.TrimEnd('.');
            if (name.Length > 0 && !ReservedGitHubOwners.Contains(owner))
            {
                found.Add((match.Index, new ArtifactReference(ArtifactReferenceKind.GitHubRepository, $"{owner}/{name}".ToLowerInvariant())));
            }
        }

        return found.OrderBy(f => f.Index).Select(f => f.Reference).Distinct().ToList();
    }

    // YYMM.NNNN (2007-2014) or YYMM.NNNNN (since 2015), with a real month.
    private static bool IsValidNewStyleId(string id)
    {
        var month = int.Parse(id.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var year = int.Parse(id.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var digits = id.Length - 5;
        return month is >= 1 and <= 12 && (year >= 15 ? digits == 5 : digits == 4 && (year > 7 || (year == 7 && month >= 4)));
    }

    // Sentence punctuation after a URL or DOI, and a closing bracket that the reference did not open.
    private static string TrimTrailingPunctuation(string value)
    {
        while (value.Length > 0)
        {
            var last = value[^1];
            var unbalanced = (last == ')' && value.Count(c => c == '(') < value.Count(c => c == ')'))
                             || (last == ']' && value.Count(c => c == '[') < value.Count(c => c == ']'));
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"' or '*' or '>' || unbalanced)
            {
                value = value[..^1];
            }
            else
            {
                break;
            }
        }

        return value;
    }

    [GeneratedRegex(@"(?:arxiv\s*[:.]?\s*|arxiv\.org/(?:abs|pdf|html)/|10\.48550/arxiv\.)(?<id>\d{4}\.\d{4,5})(?:v\d+)?(?![\d.]*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NewStyleArxivId();

    [GeneratedRegex(@"(?<![\w.-])(?<archive>astro-ph|cond-mat|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|nlin|nucl-ex|nucl-th|physics|quant-ph|math|cs|q-bio|q-fin|stat)(?:\.[a-z]{2})?/(?<number>\d{7})(?:v\d+)?(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OldStyleArxivId();

    [GeneratedRegex(@"(?<![\w.])(?<doi>10\.\d{4,9}/[^\s""'<>]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Doi();

    [GeneratedRegex(@"(?<![\w.@/-])(?:https?://)?(?:www\.)?github\.com/(?<owner>[a-z0-9](?:[a-z0-9-]{0,38}))/(?<name>[a-z0-9._-]{1,100})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GitHubRepository();
}
