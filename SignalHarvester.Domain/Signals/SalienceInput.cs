namespace SignalHarvester.Domain.Signals;

/// <summary>What salience depends on: engagement, the classification and the post's age.</summary>
public sealed record SalienceInput(
    int Likes,
    int Retweets,
    int Replies,
    int Quotes,
    int Urgency,
    SignalCategory Category,
    SignalSentiment Sentiment,
    DateTimeOffset CreatedAt)
{
    /// <summary>A stored post's columns; a missing or unknown classification counts as other / neutral / urgency 0.</summary>
    public static SalienceInput FromStored(
        int likes, int retweets, int replies, int quotes, int? urgency, string? category, string? sentiment, DateTimeOffset createdAt) =>
        new(
            likes,
            retweets,
            replies,
            quotes,
            urgency ?? 0,
            SignalNames.TryParseCategory(category, out var parsedCategory) ? parsedCategory : SignalCategory.Other,
            SignalNames.TryParseSentiment(sentiment, out var parsedSentiment) ? parsedSentiment : SignalSentiment.Neutral,
            createdAt);
}
