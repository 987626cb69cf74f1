namespace SignalHarvester.Domain.Discovery;

/// <summary>What entity resolution compares of two entities.</summary>
/// <param name="Type">"person", "lab" or "org" (<see cref="EntityTypes"/>).</param>
/// <param name="Affiliation">A person's institution; null when unknown.</param>
/// <param name="Domain">A web or e-mail domain ("cs.stanford.edu", "https://deepmind.google/"); null when unknown.</param>
/// <param name="Accounts">Handles or profile URLs ("@jsmith", "github.com/jsmith", an ORCID); empty when unknown.</param>
public sealed record EntityProfile(string Name, string Type, string? Affiliation, string? Domain, IReadOnlyList<string> Accounts);
