using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SignalHarvester.Core.Discovery;

/// <summary>
/// Reads and strictly validates a model's JSON answer about a research artifact. Nothing is clamped
/// or truncated: an answer outside the contract is rejected with a reason, so the classifier can
/// ask again or fall back. The one leniency: topics that are not taxonomy paths are dropped, and
/// the answer is rejected only when none is left.
/// </summary>
public static class LlmResearchClassificationParser
{
    /// <param name="answer">The model's text: a JSON object, optionally inside a ``` fence or a sentence.</param>
    /// <param name="classifiedBy">The provider name to record on the classification.</param>
    public static bool TryParse(
        string? answer,
        string classifiedBy,
        [NotNullWhen(true)] out ResearchClassification? classification,
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
                || !TryReadString(json, "reasoning", out var reasoning, out error))
            {
                return false;
            }

            if (!ResearchCategories.TryParse(categoryText, out var category))
            {
                error = $"category '{categoryText}' is not one of {string.Join(", ", ResearchCategories.All)}";
                return false;
            }

            if (!TryReadUrgency(json, out var urgency, out error)
                || !TryReadTags(json, out var tags, out error)
                || !TryReadTopics(json, out var topics, out error)
                || !TryReadEntities(json, out var entities, out error))
            {
                return false;
            }

            reasoning = reasoning.Trim();
            if (reasoning.Length > ResearchClassification.MaxReasoningLength)
            {
                error = $"reasoning has {reasoning.Length} characters, more than {ResearchClassification.MaxReasoningLength}";
                return false;
            }

            classification = new ResearchClassification(category, urgency, tags, topics, entities, reasoning, classifiedBy, Fallback: false);
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

        if (urgency is < ResearchClassification.MinUrgency or > ResearchClassification.MaxUrgency)
        {
            error = $"urgency {urgency} is outside {ResearchClassification.MinUrgency}..{ResearchClassification.MaxUrgency}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Tags are optional; present, they must be at most 8 short strings. They are lowercased and deduplicated.</summary>
    private static bool TryReadTags(JsonElement json, out IReadOnlyList<string> tags, [NotNullWhen(false)] out string? error)
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
            if (string.IsNullOrEmpty(tag) || tag.Length > ResearchClassification.MaxTagLength)
            {
                error = $"every tag must be a non-empty string of at most {ResearchClassification.MaxTagLength} characters";
                return false;
            }

            if (!result.Contains(tag, StringComparer.Ordinal))
            {
                result.Add(tag);
            }
        }

        if (result.Count > ResearchClassification.MaxTags)
        {
            error = $"{result.Count} tags, more than {ResearchClassification.MaxTags}";
            return false;
        }

        tags = result;
        error = null;
        return true;
    }

    /// <summary>
    /// Topics are required. Paths outside the taxonomy are dropped (matched after trimming blanks and
    /// slashes, ignoring case); none left, or more than 3 valid ones, rejects the answer.
    /// </summary>
    private static bool TryReadTopics(JsonElement json, out IReadOnlyList<string> topics, [NotNullWhen(false)] out string? error)
    {
        topics = [];
        if (!TryReadStringArray(json, "topics", required: true, out var items, out error))
        {
            return false;
        }

        var result = new List<string>();
        foreach (var item in items)
        {
            if (ResearchTaxonomy.TryNormalize(item, out var path) && !result.Contains(path, StringComparer.Ordinal))
            {
                result.Add(path);
            }
        }

        if (result.Count < ResearchClassification.MinTopics)
        {
            error = $"no topic is a taxonomy path (got {string.Join(", ", items.Select(item => $"'{item}'"))})";
            return false;
        }

        if (result.Count > ResearchClassification.MaxTopics)
        {
            error = $"{result.Count} topics, more than {ResearchClassification.MaxTopics}";
            return false;
        }

        topics = result;
        error = null;
        return true;
    }

    /// <summary>Entities are optional; each needs a name and a type of person, lab or org; at most 25.</summary>
    private static bool TryReadEntities(JsonElement json, out IReadOnlyList<EntityMention> entities, [NotNullWhen(false)] out string? error)
    {
        entities = [];
        if (!TryGetProperty(json, "entities", out var property) || property.ValueKind == JsonValueKind.Null)
        {
            error = null;
            return true;
        }

        if (property.ValueKind != JsonValueKind.Array)
        {
            error = "'entities' is not an array";
            return false;
        }

        var result = new List<EntityMention>();
        foreach (var item in property.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = "every entity must be an object";
                return false;
            }

            if (!TryReadString(item, "name", out var name, out error) || !TryReadString(item, "type", out var typeText, out error))
            {
                error = $"entity: {error}";
                return false;
            }

            name = name.Trim();
            if (name.Length is 0 or > ResearchClassification.MaxEntityNameLength)
            {
                error = $"every entity name must be non-empty and at most {ResearchClassification.MaxEntityNameLength} characters";
                return false;
            }

            if (EntityTypes.Normalize(typeText) is not { } type)
            {
                error = $"entity type '{typeText}' is not one of {string.Join(", ", EntityTypes.All)}";
                return false;
            }

            string? affiliation = null;
            if (TryGetProperty(item, "affiliation", out var affiliationProperty) && affiliationProperty.ValueKind != JsonValueKind.Null)
            {
                if (affiliationProperty.ValueKind != JsonValueKind.String)
                {
                    error = "an entity's 'affiliation' must be a string or null";
                    return false;
                }

                affiliation = affiliationProperty.GetString()!.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            }

            result.Add(new EntityMention(name, type, affiliation));
        }

        if (result.Count > ResearchClassification.MaxEntities)
        {
            error = $"{result.Count} entities, more than {ResearchClassification.MaxEntities}";
            return false;
        }

        entities = result;
        error = null;
        return true;
    }

    private static bool TryReadStringArray(
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
