using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Entities;

/// <summary>A resolved person, lab or organisation; <see cref="MergedIntoId"/> is set when it was merged into another.</summary>
public sealed record EntityResponse(
    long Id,
    string Type,
    string Name,
    string NormalizedName,
    string? Affiliation,
    string? HomepageUrl,
    string? Domain,
    double ExpertiseScore,
    long? MergedIntoId,
    int ArtifactCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static EntityResponse From(ResearchEntity entity, int artifactCount) => new(
        entity.Id, entity.EntityType, entity.Name, entity.NormalizedName, entity.Affiliation, entity.HomepageUrl, entity.Domain,
        entity.ExpertiseScore, entity.MergedIntoId, artifactCount, entity.CreatedAt, entity.UpdatedAt);
}

/// <summary>One entity with the entities merged into it (its aliases).</summary>
public sealed record EntityDetailResponse(EntityResponse Entity, IReadOnlyList<EntityAlias> Aliases);

public sealed record EntityAlias(long Id, string Name, string? Affiliation);

/// <summary>A search hit: the entity and how similar its name is to the query (0..1), as the resolver compares names.</summary>
public sealed record EntitySearchHit(EntityResponse Entity, double Similarity);

public sealed record EntitySearchResult(string Query, string NormalizedQuery, IReadOnlyList<EntitySearchHit> Items);

public sealed record EntityStats(
    int Total,
    int Active,
    int Merged,
    IReadOnlyDictionary<string, int> ByType,
    int WithArtifacts,
    IReadOnlyDictionary<string, int> Decisions,
    IReadOnlyList<EntityResponse> TopByArtifacts);

/// <summary>Two active entities the resolver kept apart that may be the same, with the similarity's parts.</summary>
public sealed record DuplicateCandidate(EntityResponse First, EntityResponse Second, double Similarity, SimilarityComponents Components);

public sealed record SimilarityComponents(double Name, double? Affiliation, double? Domain, double? Accounts);

public sealed record DuplicateCandidates(double MinSimilarity, IReadOnlyList<DuplicateCandidate> Items);

/// <summary>One decision about a pair of entities (merge, ignore, watch or needs_review).</summary>
public sealed record EntityDecisionResponse(
    long Id,
    long PrimaryEntityId,
    string PrimaryName,
    long MergedEntityId,
    string MergedName,
    string Decision,
    double Similarity,
    string? DecidedBy,
    string? Reason,
    DateTimeOffset CreatedAt);

/// <summary>An artifact an entity is behind, with the entity's role in it.</summary>
public sealed record EntityArtifactResponse(
    long Id,
    string Source,
    string SourceId,
    string Type,
    string Title,
    string? Url,
    DateTimeOffset PublishedAt,
    string Role,
    double? DiscoveryScore);

public sealed record MergeEntitiesRequest(long? PrimaryId, long? MergedId, string? Reason);

public sealed record MergeEntitiesResponse(EntityDetailResponse Primary, int MovedArtifactLinks, EntityDecisionResponse Decision);

public sealed record EntityDecisionRequest(long? EntityId, long? OtherEntityId, string? Decision, string? Reason);
