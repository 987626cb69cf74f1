using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SignalHarvester.Worker.Llm;

/// <summary>
/// Reading a model's JSON answer, shared by every classifier that asks one: the object (also when
/// wrapped in a fence or a sentence), strings, string arrays, an integer urgency in a range, and
/// tags. Each reader rejects with a reason instead of clamping or truncating.
/// </summary>
internal static class LlmAnswerJson
{
    public static bool TryReadObject(string? answer, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? error)
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

    public static bool TryReadString(JsonElement json, string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
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

    public static bool TryReadStringArray(
        JsonElement json, string name, bool required, out IReadOnlyList<string?> items, [NotNullWhen(false)] out string? error)
    {
        items = [];
        if (!TryGetProperty(json, name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            error = required ? $"'{name}' is missing" : null;
            return !required;
        }

        if (property.ValueKind != JsonValueKind.Array)
        {
            error = $"'{name}' is not an array";
            return false;
        }

        items = property.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : null)
            .ToArray();
        error = null;
        return true;
    }

    public static bool TryReadUrgency(JsonElement json, int min, int max, out int urgency, [NotNullWhen(false)] out string? error)
    {
        urgency = 0;
        if (!TryGetProperty(json, "urgency", out var property)
            || property.ValueKind != JsonValueKind.Number
            || !property.TryGetInt32(out urgency))
        {
            error = "'urgency' is missing or not an integer";
            return false;
        }

        if (urgency < min || urgency > max)
        {
            error = $"urgency {urgency} is outside {min}..{max}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Tags are optional; present, they must be at most <paramref name="maxTags"/> short strings. They are lowercased and deduplicated.</summary>
    public static bool TryReadTags(JsonElement json, int maxTags, int maxTagLength, out IReadOnlyList<string> tags, [NotNullWhen(false)] out string? error)
    {
        tags = [];
        if (!TryReadStringArray(json, "tags", required: false, out var items, out error))
        {
            return false;
        }

        var result = new List<string>();
        foreach (var item in items)
        {
            var tag = item?.Trim().TrimStart('#').ToLowerInvariant();
            if (string.IsNullOrEmpty(tag) || tag.Length > maxTagLength)
            {
                error = $"every tag must be a non-empty string of at most {maxTagLength} characters";
                return false;
            }

            if (!result.Contains(tag, StringComparer.Ordinal))
            {
                result.Add(tag);
            }
        }

        if (result.Count > maxTags)
        {
            error = $"{result.Count} tags, more than {maxTags}";
            return false;
        }

        tags = result;
        error = null;
        return true;
    }

    // Property names are matched case-insensitively: "Category" is as clear as "category".
    public static bool TryGetProperty(JsonElement json, string name, out JsonElement value)
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
