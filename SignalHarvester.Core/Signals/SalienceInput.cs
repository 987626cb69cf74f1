using SignalHarvester.Core.Data.Entities;

namespace SignalHarvester.Core.Signals;

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
    /// <summary>A stored post; a missing or unknown classification counts as other / neutral / urgency 0.</summary>
    public static SalienceInput From(Tweet tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        return new SalienceInput(
            tweet.LikeCount,
            tweet.RetweetCount,
            tweet.ReplyCount,
            tweet.QuoteCount,
            tweet.Urgency ?? 0,
            SignalNames.TryParseCategory(tweet.Category, out var category) ? category : SignalCategory.Other,
            SignalNames.TryParseSentiment(tweet.Sentiment, out var sentiment) ? sentiment : SignalSentiment.Neutral,
            tweet.CreatedAt);
    }
}
