namespace SignalHarvester.Domain.Signals;

/// <summary>What a post is about. Stored and sent on the wire in lowercase (see <see cref="SignalNames"/>).</summary>
public enum SignalCategory
{
    Outage,
    Security,
    Bug,
    Question,
    Praise,
    Other,
}
