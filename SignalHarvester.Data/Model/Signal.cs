using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Data.Model;

/// <summary>A post harvested from X; the API presents it as a "signal".</summary>
public class Signal
{
    /// <summary>The X post id (a decimal string), used as the key so upserts need no lookup.</summary>
    public required string Id { get; set; }
    public required string Text { get; set; }
    /// <summary><see cref="DataOrigin.Live"/> or <see cref="DataOrigin.Sample"/>: sample posts have ids X never issues.</summary>
    public string Origin { get; set; } = DataOrigin.Live;
    public string? AuthorId { get; set; }
    public string? AuthorUsername { get; set; }
    public string? AuthorName { get; set; }
    public string? Lang { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? ConversationId { get; set; }

    public int LikeCount { get; set; }
    public int RetweetCount { get; set; }
    public int ReplyCount { get; set; }
    public int QuoteCount { get; set; }

    /// <summary>Names of every configured query that matched this post (merged on each upsert).</summary>
    public string[] MatchedQueries { get; set; } = [];

    /// <summary>The post as returned by the X API (jsonb); null for signals created through the API.</summary>
    public string? Raw { get; set; }

    public string? Category { get; set; }
    public string? Sentiment { get; set; }
    public int? Urgency { get; set; }
    public string[] Tags { get; set; } = [];
    public string? Reasoning { get; set; }
    /// <summary>Which classifier produced the classification ("heuristic", "openai", "anthropic").</summary>
    public string? ClassifiedBy { get; set; }
    /// <summary>True when the configured LLM failed or had no key and the heuristic was used instead.</summary>
    public bool ClassificationFallback { get; set; }

    public double? Salience { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }
    /// <summary>Set by an operator (<see cref="Signals.SignalStatus.Reviewed"/>: archived, dismissed); it overrides the derived status.</summary>
    public string? ReviewStatus { get; set; }
    /// <summary>An operator's free-text notes.</summary>
    public string? Notes { get; set; }
    /// <summary>When a notifier claimed this post for sending; a claim older than the lease may be taken over.</summary>
    public DateTimeOffset? NotifyClaimedAt { get; set; }
    public string? NotifyClaimedBy { get; set; }
    public int NotifyAttempts { get; set; }
    public string? NotifyLastError { get; set; }

    public DateTimeOffset InsertedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
