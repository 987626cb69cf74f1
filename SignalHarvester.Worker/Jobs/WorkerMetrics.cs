using System.Diagnostics.Metrics;

namespace SignalHarvester.Worker.Jobs;

/// <summary>The worker's own meter; exported through OpenTelemetry (dashboard and /metrics/prometheus).</summary>
public sealed class WorkerMetrics
{
    public const string MeterName = "SignalHarvester.Worker";

    private readonly Counter<long> heartbeats;

    public WorkerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        heartbeats = meter.CreateCounter<long>("signalharvester.worker.heartbeats", description: "Heartbeat jobs completed");
    }

    public void Heartbeat() => heartbeats.Add(1);
}
