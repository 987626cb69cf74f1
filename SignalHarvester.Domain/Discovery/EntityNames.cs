using System.Text;

namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// Name normalisation for entity resolution. Culture-independent and ICU-free (the services run
/// with invariant globalisation, where <see cref="string.Normalize()"/> does not decompose), so
/// diacritics are folded with a built-in table.
/// </summary>
public static class EntityNames
{
    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    {
        "dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame",
    };

    private static readonly HashSet<string> PostNominals = new(StringComparer.Ordinal)
    {
        "phd", "md", "msc", "mba", "jr", "sr", "ii", "iii", "iv",
        // Legal forms, so "OpenAI, Inc." and "OpenAI" compare equal.
        "inc", "ltd", "llc", "corp", "corporation", "gmbh", "plc",
    };

    private static readonly Dictionary<char, string> Folds = BuildFolds();

    /// <summary>
    /// Trims, lowercases, folds diacritics ("José" → "jose", "ß" → "ss"), turns "Last, First" into
    /// "first last", drops honorifics (Dr., Prof., ...), post-nominals (PhD, Jr., ...) and legal forms (Inc., Ltd., ...), removes
    /// apostrophes ("O'Brien" → "obrien"), turns other punctuation into spaces ("J.-P." → "j p") and
    /// collapses whitespace. Empty when nothing is left.
    /// </summary>
    public static string Normalize(string? name) => string.Join(' ', Tokens(name));

    /// <summary>The normalised tokens of <paramref name="name"/> (see <see cref="Normalize"/>).</summary>
    public static IReadOnlyList<string> Tokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var folded = Fold(name.Trim().ToLowerInvariant());
        var parts = folded.Split(',').Select(SimpleTokens).Where(part => part.Count > 0).ToList();
        // "Smith, John, Jr." and "Smith, Dr. John": post-nominal parts go; two parts left are "Last, First".
        parts.RemoveAll(part => part.All(PostNominals.Contains));
        var ordered = parts.Count == 2 ? parts[1].Concat(parts[0]) : parts.SelectMany(part => part);

        var tokens = ordered.ToList();
        while (tokens.Count > 1 && Honorifics.Contains(tokens[0]))
        {
            tokens.RemoveAt(0);
        }

        while (tokens.Count > 1 && PostNominals.Contains(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        return tokens;
    }

    /// <summary>
    /// Normalised spellings a person's name appears under: "John Ronald Smith" → "john ronald smith",
    /// "john smith", "j r smith", "j smith", "smith j", "smith john". A single-token name has only itself.
    /// </summary>
    public static IReadOnlyList<string> Variants(string? name)
    {
        var tokens = Tokens(name);
        if (tokens.Count == 0)
        {
            return [];
        }

        var variants = new List<string> { string.Join(' ', tokens) };
        if (tokens.Count > 1)
        {
            var last = tokens[^1];
            var first = tokens[0];
            var given = tokens.Take(tokens.Count - 1).ToList();
            variants.Add($"{first} {last}");
            variants.Add($"{string.Join(' ', given.Select(token => token[0]))} {last}");
            variants.Add($"{first[0]} {last}");
            variants.Add($"{last} {first[0]}");
            variants.Add($"{last} {first}");
        }

        return variants.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Lowercase input with diacritics folded to ASCII where the table knows them; combining marks dropped.</summary>
    internal static string Fold(string lower)
    {
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (c is >= '\u0300' and <= '\u036f')
            {
                continue;
            }

            if (Folds.TryGetValue(c, out var folded))
            {
                builder.Append(folded);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Apostrophes join ("o'brien"), any other non-letter, non-digit separates.</summary>
    private static List<string> SimpleTokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '\'' or '\u2019' or '`')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static Dictionary<char, string> BuildFolds()
    {
        var folds = new Dictionary<char, string>();
        foreach (var (ascii, accented) in new (string, string)[]
                 {
                     ("a", "àáâãäåāăąǎạảấầẩẫậắằẳẵặ"), ("c", "çćĉċč"), ("d", "ďđð"), ("e", "èéêëēĕėęěẹẻẽếềểễệ"),
                     ("g", "ĝğġģǧ"), ("h", "ĥħ"), ("i", "ìíîïĩīĭįıǐịỉ"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"),
                     ("n", "ñńņňŉ"), ("o", "òóôõöøōŏőǒọỏốồổỗộớờởỡợơ"), ("r", "ŕŗř"), ("s", "śŝşšș"), ("t", "ţťŧț"),
                     ("u", "ùúûüũūŭůűųǔụủứừửữựư"), ("w", "ŵ"), ("y", "ýÿŷỳỵỷỹ"), ("z", "źżž"),
                     ("ss", "ß"), ("ae", "æ"), ("oe", "œ"), ("th", "þ"), ("ij", "ĳ"),
                 })
        {
            foreach (var c in accented)
            {
                folds[c] = ascii;
            }
        }

        return folds;
    }
}
