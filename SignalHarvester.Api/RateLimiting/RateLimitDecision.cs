namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// The outcome for one request: whether it may proceed, the bucket's capacity, whole tokens left,
/// when the bucket is full again (Unix seconds) and, when rejected, seconds until the next token.
/// </summary>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, long ResetUnixSeconds, int RetryAfterSeconds);

/// <summary>Who is limited: an API key (by name) or, without a valid key, a client IP address.</summary>
public readonly record struct ClientPartition(string Id, int LimitPerMinute);
