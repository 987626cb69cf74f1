using System.Text.Json;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Discoveries;

/// <summary>A research artifact with its discovery score and the components that explain it; <see cref="Origin"/> is <c>live</c> or <c>sample</c>.</summary>
public sealed record DiscoveryResponse(
    long Id,
    string Source,
    string SourceId,
    string Origin,
    string Type,
    string Title,
    string? Url,
    DateTimeOffset PublishedAt,
    JsonElement? Authors,
    string? Category,
    int? Urgency,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Topics,
    DiscoveryScoreResponse? Score)
{
    public static DiscoveryResponse From(Artifact artifact) => new(
        artifact.Id,
        artifact.Source,
        artifact.SourceId,
        artifact.Origin,
        artifact.ArtifactType,
        artifact.Title,
        artifact.Url,
        artifact.PublishedAt,
        artifact.Authors is null ? null : JsonSerializer.Deserialize<JsonElement>(artifact.Authors),
        artifact.Classification?.Category,
        artifact.Classification?.Urgency,
        artifact.Classification?.Tags ?? [],
        artifact.Classification?.Topics ?? [],
        artifact.Score is null ? null : DiscoveryScoreResponse.From(artifact.Score));
}

/// <summary>The score and its parts: score = (wN·novelty + wE·emergence + wO·obscurity + bonuses) · recencyFactor, clamped to 0..100.</summary>
public sealed record DiscoveryScoreResponse(
    double Value,
    double Novelty,
    double Emergence,
    double Obscurity,
    double CrossSourceBonus,
    double ExpertBonus,
    double RecencyFactor,
    DateTimeOffset ComputedAt)
{
    public static DiscoveryScoreResponse From(ArtifactScore score) => new(
        score.DiscoveryScore, score.Novelty, score.Emergence, score.Obscurity, score.CrossSourceBonus, score.ExpertBonus,
        score.RecencyFactor, score.ComputedAt);
}

/// <summary>One discovery in full: the summary plus its text, the classifier's reasoning and the entities behind it.</summary>
public sealed record DiscoveryDetailResponse(
    DiscoveryResponse Discovery,
    string? Text,
    string? Reasoning,
    string? ClassifiedBy,
    bool ClassificationFallback,
    IReadOnlyList<DiscoveryEntity> Entities,
    ScoreWeights Weights);

public sealed record DiscoveryEntity(long Id, string Name, string Type, string Role, string? Affiliation);

public sealed record ScoreWeights(double Novelty, double Emergence, double Obscurity, double RecencyTimeConstantHours);

public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? NextCursor);
