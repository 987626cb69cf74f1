namespace SignalHarvester.Api.BulkJobs;

/// <summary>Which signals a bulk job changes: the criteria of the signals list (at least one).</summary>
public sealed record SignalFilter(string? Status, string? Search, string? Source);

/// <summary>Set the status of the given signals, or of those matching a filter (one of the two): archived, dismissed, or none to clear it.</summary>
public sealed record BulkStatusRequest(IReadOnlyList<string>? Ids, SignalFilter? Filter, string? Status);

/// <summary>Delete the given signals, or those matching a filter (one of the two).</summary>
public sealed record BulkDeleteRequest(IReadOnlyList<string>? Ids, SignalFilter? Filter);
