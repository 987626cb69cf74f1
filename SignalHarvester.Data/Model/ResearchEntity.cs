namespace SignalHarvester.Data.Model;

/// <summary>A person, lab or organisation behind artifacts, as resolved by entity resolution.</summary>
public class ResearchEntity
{
    public long Id { get; set; }
    /// <summary>person, lab or org.</summary>
    public required string EntityType { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-cased, accent- and punctuation-free form of the name, used for search and matching.</summary>
    public required string NormalizedName { get; set; }
    public string? Affiliation { get; set; }
    public string? HomepageUrl { get; set; }
    public string? Domain { get; set; }
    public double ExpertiseScore { get; set; }
    /// <summary>Set when this entity was merged into another; the row is kept so history stays readable.</summary>
    public long? MergedIntoId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
