using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SignalHarvester.ServiceDefaults.Health;

/// <summary>
/// Every health check answers a probe within <see cref="CheckTimeout"/> and its result is reused for <see cref="ResultLifetime"/>;
/// probes arriving while a check runs wait for that same run. So a dead dependency costs a probe at most one timeout,
/// and a burst of probes (load balancer, orchestrator, Prometheus) never queues one check per probe behind it.
/// A run that outlasts a probe's wait is not cancelled (a slow but working database still gets its connection into
/// the pool); it goes on, up to <see cref="RunLimit"/>, and the probes after it get its result.
/// </summary>
public sealed class ProbeResultCache
{
    /// <summary>Well under the 1 s that orchestrators and load balancers commonly give a readiness probe, leaving room for a loaded machine.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Short enough that readiness follows an outage (and its end) within a couple of seconds.</summary>
    public static readonly TimeSpan ResultLifetime = TimeSpan.FromSeconds(2);

    /// <summary>How long one run may go on in the background before it counts as failed.</summary>
    public static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(15);

    // Real time even where tests swap the application's clock: probes are about the world outside.
    private readonly TimeProvider clock = TimeProvider.System;
    private readonly ConcurrentDictionary<string, Run> runs = new(StringComparer.Ordinal);

    public async Task<HealthCheckResult> ResultAsync(HealthCheckRegistration registration, IHealthCheck check, HealthCheckContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        // The factories may run more than once when probes race; a run starts only when the stored entry's
        // result is first asked for, so the losers' entries never start one.
        var run = runs.AddOrUpdate(
            registration.Name,
            _ => Start(registration, check, context, now),
            (_, previous) => previous.Result.Value.IsCompleted && clock.GetElapsedTime(previous.StartedAt, clock.GetTimestamp()) > ResultLifetime
                ? Start(registration, check, context, now)
                : previous);
        try
        {
            return await run.Result.Value.WaitAsync(CheckTimeout, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            return new HealthCheckResult(registration.FailureStatus, $"No answer within {CheckTimeout.TotalMilliseconds:F0} ms");
        }
    }

    private static Run Start(HealthCheckRegistration registration, IHealthCheck check, HealthCheckContext context, long now) =>
        new(now, new Lazy<Task<HealthCheckResult>>(() => RunAsync(registration, check, context)));

    // Runs on its own deadline, not a caller's token: its result is shared by every probe that asks meanwhile.
    private static async Task<HealthCheckResult> RunAsync(HealthCheckRegistration registration, IHealthCheck check, HealthCheckContext context)
    {
        using var limit = new CancellationTokenSource(RunLimit);
        try
        {
            return await check.CheckHealthAsync(context, limit.Token).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            return new HealthCheckResult(registration.FailureStatus, $"No answer within {RunLimit.TotalSeconds:F0} s");
        }
        catch (Exception e)
        {
            return new HealthCheckResult(registration.FailureStatus, $"The check failed ({e.GetType().Name})", e);
        }
    }

    private sealed record Run(long StartedAt, Lazy<Task<HealthCheckResult>> Result);
}
