namespace SignalHarvester.Domain.Discovery;

/// <summary>Assigns category, urgency, tags, taxonomy topics and entities to a research artifact.</summary>
public interface IResearchClassifier
{
    /// <summary>Never fails for a bad model answer: implementations fall back to the heuristic.</summary>
    Task<ResearchClassification> ClassifyAsync(ResearchText artifact, CancellationToken ct);
}
