using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SignalHarvester.Core.Signals;

/// <summary>
/// Reads and strictly validates a model's JSON answer. Nothing is clamped or truncated: an answer
/// outside the contract is rejected with a reason, so the classifier can ask again or fall back.
/// </summary>
public static class LlmClassificationParser
{
    /// <param name="answer">The model's text: a JSON object, optionally inside a ``` fence or a sentence.</param>
    /// <param name="classifiedBy">The provider name to record on the classification.</param>
    public static bool TryParse(
        string? answer,
        string classifiedBy,
        [NotNullWhen(true)] out SignalClassification? classification,
        [NotNullWhen(false)] out string? error)
    {
        classification = null;
        if (!TryReadObject(answer, out var root, out error))
        {
            return false;
        }

        using (root)
        {
            var json = root.RootElement;
            if (!TryReadString(json, "category", out var categoryText, out error)
                || !TryReadString(json, "sentiment", out var sentimentText, out error)
                || !TryReadString(json, "reasoning", out var reasoning, out error))
            {
                return false;
            }

            if (!SignalNames.TryParseCategory(categoryText, out var category))
            {
                error = $"category '{categoryText}' is not one of {string.Join(", ", SignalNames.CategoryNames)}";
                return false;
            }

            if (!SignalNames.TryParseSentiment(sentimentText, out var sentiment))
            {
                error = $"sentiment '{sentimentText}' is not one of {string.Join(", ", SignalNames.SentimentNames)}";
                return false;
            }

            if (!TryReadUrgency(json, out var urgency, out error)
                || !TryReadTags(json, out var tags, out error))
            {
                return false;
            }

            reasoning = reasoning.Trim();
            if (reasoning.Length > SignalClassification.MaxReasoningLength)
            {
                error = $"reasoning has {reasoning.Length} characters, more than {SignalClassification.MaxReasoningLength}";
                return false;
            }

            classification = new SignalClassification(category, sentiment, urgency, tags, reasoning, classifiedBy, Fallback: false);
            return true;
        }
    }

    private static bool TryReadObject(string? answer, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        // Models without a JSON mode (Anthropic) like to wrap the object in a fence or a sentence.
        var start = answer?.IndexOf('{') ?? -1;
        var end = answer?.LastIndexOf('}') ?? -1;
        if (answer is null || start < 0 || end < start)
        {
            error = "the answer contains no JSON object";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(answer.AsMemory(start, end - start + 1));
        }
        catch (JsonException ex)
        {
            error = $"the answer is not valid JSON: {ex.Message}";
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            error = "the answer is not a JSON object";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryReadString(JsonElement json, string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (!TryGetProperty(json, name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' is missing or not a string";
            return false;
        }

        value = property.GetString()!;
        error = null;
        return true;
    }

    private static bool TryReadUrgency(JsonElement json, out int urgency, [NotNullWhen(false)] out string? error)
    {
        urgency = 0;
        if (!TryGetProperty(json, "urgency", out var property)
            || property.ValueKind != JsonValueKind.Number
            || !property.TryGetInt32(out urgency))
        {
            error = "'urgency' is missing or not an integer";
            return false;
        }

        if (urgency is < SignalClassification.MinUrgency or > SignalClassification.MaxUrgency)
        {
            error = $"urgency {urgency} is outside {SignalClassification.MinUrgency}..{SignalClassification.MaxUrgency}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Tags are optional; present, they must be at most 8 short strings. They are lowercased and deduplicated.</summary>
    private static bool TryReadTags(JsonElement json, out IReadOnlyList<string> tags, [NotNullWhen(false)] out string? error)
    {
        tags = [];
        if (!TryGetProperty(json, "tags", out var property) || property.ValueKind == JsonValueKind.Null)
        {
            error = null;
            return true;
        }

        if (property.ValueKind != JsonValueKind.Array)
        {
            error = "'tags' is not an array";
            return false;
        }

        var result = new List<string>();
        foreach (var item in property.EnumerateArray())
        {
            var tag = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim().TrimStart('#').ToLowerInvariant() : null;
            if (string.IsNullOrEmpty(tag) || tag.Length > SignalClassification.MaxTagLength)
            {
                error = $"every tag must be a non-empty string of at most {SignalClassification.MaxTagLength} characters";
                return false;
            }

            if (!result.Contains(tag, StringComparer.Ordinal))
            {
                result.Add(tag);
            }
        }

        if (result.Count > SignalClassification.MaxTags)
        {
            error = $"{result.Count} tags, more than {SignalClassification.MaxTags}";
            return false;
        }

        tags = result;
        error = null;
        return true;
    }

    // Property names are matched case-insensitively: "Category" is as clear as "category".
    private static bool TryGetProperty(JsonElement json, string name, out JsonElement value)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
