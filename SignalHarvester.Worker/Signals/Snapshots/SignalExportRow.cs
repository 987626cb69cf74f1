namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// One signal as it appears in a snapshot export. The property order is the CSV column order and the
/// JSON property order (snake_case), so appending is the only compatible change.
/// </summary>
public sealed record SignalExportRow(
    string Id,
    string Text,
    string? AuthorUsername,
    DateTimeOffset CreatedAt,
    string? Category,
    string? Sentiment,
    int? Urgency,
    IReadOnlyList<string> Tags,
    double? Salience,
    int LikeCount,
    int RetweetCount,
    int ReplyCount,
    int QuoteCount,
    string Url);
