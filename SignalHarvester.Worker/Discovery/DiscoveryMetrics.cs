using System.Diagnostics;
using System.Diagnostics.Metrics;
using SignalHarvester.Worker.Jobs;

namespace SignalHarvester.Worker.Discovery;

/// <summary>The discovery pipeline's meter and activity source (Prometheus: <c>signalharvester_discovery_fetched_total{source}</c> …).</summary>
public sealed class DiscoveryMetrics
{
    public const string Name = "SignalHarvester.Discovery";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> fetched;
    private readonly Counter<long> sourceFailures;
    private readonly Counter<long> classified;
    private readonly Counter<long> scored;
    private readonly Histogram<double> stageDuration;
    private readonly Counter<long> runs;
    private readonly Counter<long> relationships;
    private readonly Counter<long> topicEvents;

    public DiscoveryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        fetched = meter.CreateCounter<long>("signalharvester.discovery.fetched", description: "Artifacts fetched, by source");
        sourceFailures = meter.CreateCounter<long>("signalharvester.discovery.source_failures", description: "Discovery source fetches that failed, by source");
        classified = meter.CreateCounter<long>("signalharvester.discovery.classified", description: "Artifacts classified");
        scored = meter.CreateCounter<long>("signalharvester.discovery.scored", description: "Artifacts (re)scored");
        stageDuration = meter.CreateHistogram<double>("signalharvester.discovery.stage.duration", unit: "s", description: "Duration of each discovery stage");
        runs = meter.CreateCounter<long>("signalharvester.discovery.runs", description: "Discovery pipeline runs by outcome");
        relationships = meter.CreateCounter<long>("signalharvester.discovery.relationships", description: "Artifact relationships inserted, updated or deleted, by change");
        topicEvents = meter.CreateCounter<long>("signalharvester.discovery.topic_events", description: "Topic merge, split and emergence events recorded, by event type");
        MetricSeries.StartAtZero(runs, "outcome", "success", "failure");
    }

    public void Fetched(string source, int count)
    {
        fetched.Add(count, new KeyValuePair<string, object?>("source", source));
        MetricSeries.StartAtZero(sourceFailures, "source", source);
    }

    public void SourceFailed(string source) => sourceFailures.Add(1, new KeyValuePair<string, object?>("source", source));

    public void Classified(string classifiedBy, bool fallback, int count) =>
        classified.Add(count, new("classifier", classifiedBy), new("fallback", fallback));

    public void Scored(int count) => scored.Add(count);

    public void RelationshipsChanged(string change, int count) => relationships.Add(count, new KeyValuePair<string, object?>("change", change));

    public void TopicEvents(string eventType, int count) => topicEvents.Add(count, new KeyValuePair<string, object?>("event_type", eventType));

    public void StageCompleted(string stage, TimeSpan duration, bool success) =>
        stageDuration.Record(duration.TotalSeconds, new("stage", stage), new("outcome", success ? "success" : "failure"));

    public void RunCompleted(bool success) => runs.Add(1, new KeyValuePair<string, object?>("outcome", success ? "success" : "failure"));
}
