namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// An <see cref="EntitySimilarity"/> result with its parts, each 0..1; a field missing on either
/// side is null and did not count in <see cref="Total"/>.
/// </summary>
public sealed record EntitySimilarityBreakdown(double Name, double? Affiliation, double? Domain, double? Accounts, double Total)
{
    /// <summary>A person against a lab or org, or a name with nothing left after normalisation.</summary>
    public static EntitySimilarityBreakdown Unrelated { get; } = new(0, null, null, null, 0);
}
