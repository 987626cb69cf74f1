using System.Net;
using System.Text.RegularExpressions;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>Turns the markup sources send (wrapped Atom text, HN's HTML) into plain text; LaTeX and non-ASCII stay as they are.</summary>
internal static partial class SourceText
{
    /// <summary>
    /// Decodes entities left after XML parsing (arXiv text is sometimes escaped twice, "&amp;amp;")
    /// and collapses whitespace (arXiv wraps titles and abstracts at ~80 columns).
    /// </summary>
    public static string Clean(string text) => Whitespace().Replace(WebUtility.HtmlDecode(text), " ").Trim();

    public static string? CleanOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : Clean(text);

    /// <summary>
    /// Plain text of an HTML fragment (HN <c>text</c>): paragraphs become blank lines, tags go,
    /// entities are decoded, and links keep their target so later relationship detection sees
    /// the github.com / arxiv.org URLs even when HN truncated the visible link text.
    /// </summary>
    public static string? FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }

        var text = Anchor().Replace(html, match => LinkText(match.Groups["href"].Value, match.Groups["text"].Value));
        text = Break().Replace(text, "\n\n");
        text = Tag().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        var lines = text.Split('\n').Select(line => Whitespace().Replace(line, " ").Trim());
        text = BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
        return text.Length == 0 ? null : text;
    }

    private static string LinkText(string encodedHref, string innerHtml)
    {
        var href = WebUtility.HtmlDecode(encodedHref);
        var visible = WebUtility.HtmlDecode(Tag().Replace(innerHtml, string.Empty)).Trim();
        var shown = visible.TrimEnd('.', '…');
        return shown.Length == 0 || href.StartsWith(shown, StringComparison.OrdinalIgnoreCase)
            ? href
            : $"{visible} ({href})";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("""<a\s[^>]*?href\s*=\s*["'](?<href>[^"']*)["'][^>]*>(?<text>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<\s*(p|br|/p|div|/div|li)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Break();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
