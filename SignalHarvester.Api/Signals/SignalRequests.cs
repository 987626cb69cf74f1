namespace SignalHarvester.Api.Signals;

/// <summary>A signal an operator adds by hand: the X post id and text are required; it then goes through classification and scoring like any harvested post.</summary>
public sealed record SignalCreateRequest(
    string? Id,
    string? Text,
    string? AuthorUsername,
    string? AuthorName,
    DateTimeOffset? CreatedAt,
    string? Lang,
    string? Category,
    IReadOnlyList<string>? Tags,
    string? Notes);

/// <summary>What an operator changes on a signal; fields left out (or null) stay as they are. Status: archived, dismissed, or none to clear; notes: empty to clear.</summary>
public sealed record SignalUpdateRequest(string? Status, string? Category, string? Notes);
