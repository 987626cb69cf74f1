namespace SignalHarvester.Domain.Signals;

/// <summary>What a classifier gets to see of a post: its text, author and engagement.</summary>
public sealed record SignalText(
    string Id,
    string Text,
    string? AuthorUsername,
    int LikeCount,
    int RetweetCount,
    int ReplyCount,
    int QuoteCount);
