using System.Diagnostics;
using System.Diagnostics.Metrics;
using SignalHarvester.Worker.Jobs;

namespace SignalHarvester.Worker.Signals;

/// <summary>The signal pipeline's meter and activity source (exported as Prometheus text and to the dashboard).</summary>
public sealed class SignalPipelineMetrics
{
    public const string Name = "SignalHarvester.Signals";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> fetched;
    private readonly Counter<long> skipped;
    private readonly Counter<long> queriesDeferred;
    private readonly Counter<long> classified;
    private readonly Counter<long> scored;
    private readonly Counter<long> notified;
    private readonly Counter<long> retired;
    private readonly Histogram<double> stageDuration;
    private readonly Counter<long> runs;

    public SignalPipelineMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        fetched = meter.CreateCounter<long>("signalharvester.signals.posts_fetched", description: "Posts fetched from X (or the embedded sample)");
        skipped = meter.CreateCounter<long>("signalharvester.signals.posts_skipped", description: "Harvested posts skipped (unreadable, unstorable, refused by the database), by kind");
        queriesDeferred = meter.CreateCounter<long>("signalharvester.signals.queries_deferred",
            description: "Queries a run left to the next one from their cursors: rate_limited (X's window spent) or failed");
        classified = meter.CreateCounter<long>("signalharvester.signals.posts_classified", description: "Posts classified");
        scored = meter.CreateCounter<long>("signalharvester.signals.posts_scored", description: "Posts whose salience was computed");
        notified = meter.CreateCounter<long>("signalharvester.signals.posts_notified", description: "Slack notifications attempted");
        retired = meter.CreateCounter<long>("signalharvester.signals.posts_retired",
            description: "Posts archived by retention: posts (archived and deleted) or raw (raw payload archived and cleared)");
        stageDuration = meter.CreateHistogram<double>("signalharvester.signals.stage.duration", unit: "s", description: "Duration of each pipeline stage");
        runs = meter.CreateCounter<long>("signalharvester.signals.runs", description: "Signal pipeline runs by outcome");
        MetricSeries.StartAtZero(runs, "outcome", "success", "failure");
    }

    public void PostsFetched(int count, string query, string source) =>
        fetched.Add(count, new("query", query), new("source", source));

    public void PostSkipped(string query, string kind) =>
        skipped.Add(1, new("query", query), new("kind", kind));

    public void QueryDeferred(string query, string reason) =>
        queriesDeferred.Add(1, new("query", query), new("reason", reason));

    public void PostClassified(string classifiedBy, bool fallback) =>
        classified.Add(1, new("classifier", classifiedBy), new("fallback", fallback));

    public void PostsScored(int count) => scored.Add(count);

    public void PostNotified(bool success) => notified.Add(1, new KeyValuePair<string, object?>("outcome", success ? "sent" : "failed"));

    public void PostsRetired(int count, string kind) => retired.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void StageCompleted(string stage, TimeSpan duration, bool success) =>
        stageDuration.Record(duration.TotalSeconds, new("stage", stage), new("outcome", success ? "success" : "failure"));

    public void RunCompleted(bool success) => runs.Add(1, new KeyValuePair<string, object?>("outcome", success ? "success" : "failure"));
}
