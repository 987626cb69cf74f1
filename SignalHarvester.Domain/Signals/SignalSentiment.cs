namespace SignalHarvester.Domain.Signals;

/// <summary>The tone of a post. Stored and sent on the wire in lowercase (see <see cref="SignalNames"/>).</summary>
public enum SignalSentiment
{
    Positive,
    Neutral,
    Negative,
}
