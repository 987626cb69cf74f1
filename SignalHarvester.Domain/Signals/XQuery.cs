namespace SignalHarvester.Domain.Signals;

/// <summary>
/// A named recent-search query (X query syntax). The name keys the query's cursor and is recorded
/// on every post it matched; bound from <c>Harvest:Queries</c> (a missing <c>Enabled</c> means true).
/// </summary>
public sealed record XQuery(string Name, string Query, bool Enabled = true);
