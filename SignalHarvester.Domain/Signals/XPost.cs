namespace SignalHarvester.Domain.Signals;

/// <summary>One post from X's recent search, with the fields the pipeline uses.</summary>
/// <param name="Id">X's post id: a decimal string (a 64-bit snowflake, compared as numbers, not strings).</param>
/// <param name="RawJson">The post's own object from <c>data[]</c>, with its author from <c>includes.users</c> merged in as <c>"author"</c> when X sent one.</param>
public sealed record XPost(
    string Id,
    string Text,
    string? AuthorId,
    string? AuthorUsername,
    string? AuthorName,
    string? Lang,
    DateTimeOffset CreatedAt,
    string? ConversationId,
    int LikeCount,
    int RetweetCount,
    int ReplyCount,
    int QuoteCount,
    string RawJson);
