namespace SignalHarvester.Data;

/// <summary>
/// Text PostgreSQL can store: it refuses NUL in <c>text</c> and stores UTF-8, which has no form for an
/// unpaired UTF-16 surrogate. The API refuses such input with a 400 naming the field, the harvest skips such a post,
/// instead of either failing in the database.
/// </summary>
public static class StorableText
{
    public const string Requirement = "must not contain NUL characters or unpaired surrogates (they cannot be stored)";

    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return !text.Contains('\0');
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
