namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// A discovery score and its parts, each rounded to 3 decimals. Novelty, Emergence and Obscurity
/// are 0..100; <see cref="Score"/> is 0..100 (computed from the unrounded parts).
/// </summary>
/// <param name="RecencyFactor"><c>exp(-ageHours / RecencyTimeConstantHours)</c>, 0..1.</param>
public sealed record DiscoveryScoreComponents(
    double Novelty,
    double Emergence,
    double Obscurity,
    double CrossSourceBonus,
    double ExpertBonus,
    double RecencyFactor,
    double Score);
