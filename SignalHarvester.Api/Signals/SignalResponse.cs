using System.Linq.Expressions;
using SignalHarvester.Data.Model;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Api.Signals;

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
    public static readonly Expression<Func<Signal, Signal>> Columns = t => new Signal
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

    public static SignalResponse From(Signal signal) => new(
        signal.Id,
        signal.Origin,
        signal.Text,
        new SignalAuthor(signal.AuthorId, signal.AuthorUsername, signal.AuthorName),
        signal.CreatedAt,
        signal.Lang,
        new SignalEngagement(signal.LikeCount, signal.RetweetCount, signal.ReplyCount, signal.QuoteCount),
        signal.MatchedQueries,
        signal.Category,
        signal.Sentiment,
        signal.Urgency,
        signal.Tags,
        signal.Reasoning,
        signal.ClassifiedBy,
        signal.ClassificationFallback,
        signal.Salience,
        signal.ScoredAt,
        signal.NotifiedAt,
        signal.Status(),
        XPostUrl.For(signal.AuthorUsername, signal.Id),
        signal.Notes);
}

public sealed record SignalAuthor(string? Id, string? Username, string? Name);

public sealed record SignalEngagement(int Likes, int Retweets, int Replies, int Quotes);

public sealed record SignalStats(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByCategory, double? AverageSalience, DateTimeOffset? NewestAt);
