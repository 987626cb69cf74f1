using System.Diagnostics.CodeAnalysis;

namespace SignalHarvester.Domain.Signals;

/// <summary>
/// The lowercase names under which categories and sentiments are stored in the database and
/// exchanged with the API and the LLM ("outage", "negative", ...).
/// </summary>
public static class SignalNames
{
    public static string ToStorageName(this SignalCategory category) => category switch
    {
        SignalCategory.Outage => "outage",
        SignalCategory.Security => "security",
        SignalCategory.Bug => "bug",
        SignalCategory.Question => "question",
        SignalCategory.Praise => "praise",
        SignalCategory.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown signal category."),
    };

    public static string ToStorageName(this SignalSentiment sentiment) => sentiment switch
    {
        SignalSentiment.Positive => "positive",
        SignalSentiment.Neutral => "neutral",
        SignalSentiment.Negative => "negative",
        _ => throw new ArgumentOutOfRangeException(nameof(sentiment), sentiment, "Unknown signal sentiment."),
    };

    /// <summary>Every category's storage name, in declaration order.</summary>
    public static IReadOnlyList<string> CategoryNames { get; } =
        Enum.GetValues<SignalCategory>().Select(c => c.ToStorageName()).ToArray();

    /// <summary>Every sentiment's storage name, in declaration order.</summary>
    public static IReadOnlyList<string> SentimentNames { get; } =
        Enum.GetValues<SignalSentiment>().Select(s => s.ToStorageName()).ToArray();

    /// <summary>Parses a storage name, ignoring case and surrounding blanks; numbers are not accepted.</summary>
    public static bool TryParseCategory([NotNullWhen(true)] string? value, out SignalCategory category) =>
        TryParseName(value, CategoryNames, out category);

    /// <summary>Parses a storage name, ignoring case and surrounding blanks; numbers are not accepted.</summary>
    public static bool TryParseSentiment([NotNullWhen(true)] string? value, out SignalSentiment sentiment) =>
        TryParseName(value, SentimentNames, out sentiment);

    // Enum.TryParse would also accept "3" or "Outage, Bug"; only the exact names are valid here.
    private static bool TryParseName<TEnum>(string? value, IReadOnlyList<string> names, out TEnum result)
        where TEnum : struct, Enum
    {
        var trimmed = value?.Trim();
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                result = Enum.GetValues<TEnum>()[i];
                return true;
            }
        }

        result = default;
        return false;
    }
}
