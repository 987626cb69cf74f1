namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// Endpoint metadata: the tokens one request to an expensive route takes from the caller's bucket
/// (default 1), so reads that scan whole tables cost the caller in proportion, not only us.
/// </summary>
public sealed record RequestCost(int Tokens);

/// <summary>The costs of the expensive reads, in tokens (a plain request takes 1).</summary>
public static class ExpensiveReads
{
    /// <summary>Aggregates over whole tables (analytics).</summary>
    public const int Aggregate = 5;

    /// <summary>Reads every row of a table, or compares every pair (label export, duplicate candidates).</summary>
    public const int WholeTable = 10;
}

public static class RequestCostExtensions
{
    public static TBuilder CostsTokens<TBuilder>(this TBuilder endpoints, int tokens) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(new RequestCost(tokens));
}
