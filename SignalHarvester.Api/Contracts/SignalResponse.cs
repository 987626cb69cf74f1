using System.Linq.Expressions;
using SignalHarvester.Data.Entities;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Api.Contracts;

/// <summary>
/// A stored post as the API presents it: a signal with its classification, salience and derived
/// status; <see cref="Origin"/> says whether it came from X (<c>live</c>) or the bundled sample (<c>sample</c>).
/// </summary>
public sealed record SignalResponse(
    string Id,
    string Origin,
    string Text,
    SignalAuthor Author,
    DateTimeOffset CreatedAt,
    string? Lang,
    SignalEngagement Engagement,
    IReadOnlyList<string> MatchedQueries,
    string? Category,
    string? Sentiment,
    int? Urgency,
    IReadOnlyList<string> Tags,
    string? Reasoning,
    string? ClassifiedBy,
    bool ClassificationFallback,
    double? Salience,
    DateTimeOffset? ScoredAt,
    DateTimeOffset? NotifiedAt,
    string Status,
    string Url,
    string? Notes)
{
    /// <summary>
    /// The columns <see cref="From"/> reads, for reads that only build responses: every one but the raw X post
    /// (jsonb, about 1 KB a row, never served) and the notifier's bookkeeping.
    /// </summary>
    public static readonly Expression<Func<Tweet, Tweet>> Columns = t => new Tweet
    {
        Id = t.Id,
        Origin = t.Origin,
        Text = t.Text,
        AuthorId = t.AuthorId,
        AuthorUsername = t.AuthorUsername,
        AuthorName = t.AuthorName,
        CreatedAt = t.CreatedAt,
        Lang = t.Lang,
        LikeCount = t.LikeCount,
        RetweetCount = t.RetweetCount,
        ReplyCount = t.ReplyCount,
        QuoteCount = t.QuoteCount,
        MatchedQueries = t.MatchedQueries,
        Category = t.Category,
        Sentiment = t.Sentiment,
        Urgency = t.Urgency,
        Tags = t.Tags,
        Reasoning = t.Reasoning,
        ClassifiedBy = t.ClassifiedBy,
        ClassificationFallback = t.ClassificationFallback,
        Salience = t.Salience,
        ScoredAt = t.ScoredAt,
        NotifiedAt = t.NotifiedAt,
        ReviewStatus = t.ReviewStatus,
        Notes = t.Notes,
    };

    public static SignalResponse From(Tweet tweet) => new(
        tweet.Id,
        tweet.Origin,
        tweet.Text,
        new SignalAuthor(tweet.AuthorId, tweet.AuthorUsername, tweet.AuthorName),
        tweet.CreatedAt,
        tweet.Lang,
        new SignalEngagement(tweet.LikeCount, tweet.RetweetCount, tweet.ReplyCount, tweet.QuoteCount),
        tweet.MatchedQueries,
        tweet.Category,
        tweet.Sentiment,
        tweet.Urgency,
        tweet.Tags,
        tweet.Reasoning,
        tweet.ClassifiedBy,
        tweet.ClassificationFallback,
        tweet.Salience,
        tweet.ScoredAt,
        tweet.NotifiedAt,
        tweet.Status(),
        XPostUrl.For(tweet.AuthorUsername, tweet.Id),
        tweet.Notes);
}

public sealed record SignalAuthor(string? Id, string? Username, string? Name);

public sealed record SignalEngagement(int Likes, int Retweets, int Replies, int Quotes);

/// <summary>A page of a list; <see cref="TotalExact"/> is false when <see cref="Total"/> is a lower bound (a listing that counts only so far).</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool TotalExact = true);

public sealed record SignalStats(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByCategory, double? AverageSalience, DateTimeOffset? NewestAt);
