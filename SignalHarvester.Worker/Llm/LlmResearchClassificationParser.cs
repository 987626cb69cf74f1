using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Worker.Llm;

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
        if (!LlmAnswerJson.TryReadObject(answer, out var root, out error))
        {
            return false;
        }

        using (root)
        {
            var json = root.RootElement;
            if (!LlmAnswerJson.TryReadString(json, "category", out var categoryText, out error)
                || !LlmAnswerJson.TryReadString(json, "reasoning", out var reasoning, out error))
            {
                return false;
            }

            if (!ResearchCategories.TryParse(categoryText, out var category))
            {
                error = $"category '{categoryText}' is not one of {string.Join(", ", ResearchCategories.All)}";
                return false;
            }

            if (!LlmAnswerJson.TryReadUrgency(json, ResearchClassification.MinUrgency, ResearchClassification.MaxUrgency, out var urgency, out error)
                || !LlmAnswerJson.TryReadTags(json, ResearchClassification.MaxTags, ResearchClassification.MaxTagLength, out var tags, out error)
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

    /// <summary>
    /// Topics are required. Paths outside the taxonomy are dropped (matched after trimming blanks and
    /// slashes, ignoring case); none left, or more than 3 valid ones, rejects the answer.
    /// </summary>
    private static bool TryReadTopics(JsonElement json, out IReadOnlyList<string> topics, [NotNullWhen(false)] out string? error)
    {
        topics = [];
        if (!LlmAnswerJson.TryReadStringArray(json, "topics", required: true, out var items, out error))
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
        if (!LlmAnswerJson.TryGetProperty(json, "entities", out var property) || property.ValueKind == JsonValueKind.Null)
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

            if (!LlmAnswerJson.TryReadString(item, "name", out var name, out error) || !LlmAnswerJson.TryReadString(item, "type", out var typeText, out error))
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
            if (LlmAnswerJson.TryGetProperty(item, "affiliation", out var affiliationProperty) && affiliationProperty.ValueKind != JsonValueKind.Null)
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
}
