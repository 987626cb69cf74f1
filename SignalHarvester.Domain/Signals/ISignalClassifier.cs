namespace SignalHarvester.Domain.Signals;

/// <summary>Assigns category, sentiment, urgency, tags and reasoning to a post.</summary>
public interface ISignalClassifier
{
    /// <summary>Never fails for a bad model answer: implementations fall back to the heuristic.</summary>
    Task<SignalClassification> ClassifyAsync(SignalText post, CancellationToken ct);
}
