namespace SignalHarvester.Api.Keys;

/// <summary>The key a request presented: its name, rate-limit tier and scopes (never the key itself).</summary>
public sealed record ApiKeyResponse(string Name, string Tier, IReadOnlyList<string> Scopes);
