namespace SignalHarvester.Data.Model;

/// <summary>The assignment of an artifact to a topic, with the classifier's confidence.</summary>
public class ArtifactTopic
{
    public long ArtifactId { get; set; }
    public long TopicId { get; set; }
    public double Confidence { get; set; }
    public DateTimeOffset AssignedAt { get; set; }

    public Artifact Artifact { get; set; } = null!;
    public Topic Topic { get; set; } = null!;
}
