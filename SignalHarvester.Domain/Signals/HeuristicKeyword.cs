using System.Text.RegularExpressions;

namespace SignalHarvester.Domain.Signals;

/// <summary>One thing the keyword heuristic looks for, and the name it reports when it finds it.</summary>
/// <param name="Label">Named in the reasoning and, unless <paramref name="IsTag"/> is false, used as a tag.</param>
internal sealed record HeuristicKeyword(string Label, Regex Pattern, bool IsTag = true)
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Any of <paramref name="forms"/> as whole words; a space in a form matches any run of blanks.</summary>
    public static HeuristicKeyword Words(string label, params string[] forms)
    {
        var alternatives = forms.Select(form => Regex.Escape(form).Replace("\\ ", "\\s+", StringComparison.Ordinal));
        return new HeuristicKeyword(label, new Regex($@"\b(?:{string.Join('|', alternatives)})\b", Options));
    }

    public static HeuristicKeyword Matching(string label, string pattern, bool isTag = true) =>
        new(label, new Regex(pattern, Options), isTag);

    public bool IsFoundIn(string text) => Pattern.IsMatch(text);
}
