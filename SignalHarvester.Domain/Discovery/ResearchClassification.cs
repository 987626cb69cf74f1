namespace SignalHarvester.Domain.Discovery;

/// <summary>The research classifier's verdict on one artifact.</summary>
/// <param name="Category">One of <see cref="ResearchCategories.All"/>.</param>
/// <param name="Urgency"><see cref="MinUrgency"/> (none) to <see cref="MaxUrgency"/> (look now).</param>
/// <param name="Tags">At most <see cref="MaxTags"/> lowercase tags of at most <see cref="MaxTagLength"/> characters.</param>
/// <param name="Topics"><see cref="MinTopics"/> to <see cref="MaxTopics"/> paths of <see cref="ResearchTaxonomy"/>, most relevant first.</param>
/// <param name="Entities">People, labs and organisations involved; at most <see cref="MaxEntities"/>.</param>
/// <param name="Reasoning">At most <see cref="MaxReasoningLength"/> characters.</param>
/// <param name="ClassifiedBy">"heuristic", "openai", "anthropic" or "openai-compatible".</param>
/// <param name="Fallback">True when an LLM was configured but the heuristic answered instead.</param>
public sealed record ResearchClassification(
    string Category,
    int Urgency,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Topics,
    IReadOnlyList<EntityMention> Entities,
    string Reasoning,
    string ClassifiedBy,
    bool Fallback)
{
    public const int MinUrgency = 0;
    public const int MaxUrgency = 3;
    public const int MaxTags = 8;
    public const int MaxTagLength = 50;
    public const int MinTopics = 1;
    public const int MaxTopics = 3;
    public const int MaxEntities = 25;
    public const int MaxEntityNameLength = 200;
    public const int MaxReasoningLength = 400;
}

/// <summary>An entity named by an artifact, before entity resolution merges variants.</summary>
/// <param name="Type">One of <see cref="EntityTypes.All"/>.</param>
/// <param name="Affiliation">For a person, the institution the artifact gives; otherwise usually null.</param>
public sealed record EntityMention(string Name, string Type, string? Affiliation);

/// <summary>The values of <see cref="EntityMention.Type"/>.</summary>
public static class EntityTypes
{
    public const string Person = "person";
    public const string Lab = "lab";
    public const string Org = "org";

    public static IReadOnlyList<string> All { get; } = [Person, Lab, Org];

    /// <summary>Lowercased and trimmed; null when it is not one of <see cref="All"/>.</summary>
    public static string? Normalize(string? type)
    {
        var normalized = type?.Trim().ToLowerInvariant();
        return normalized is not null && All.Contains(normalized) ? normalized : null;
    }
}
