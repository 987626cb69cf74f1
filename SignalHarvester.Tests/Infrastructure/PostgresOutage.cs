using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SignalHarvester.Domain;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>Stops the stack's PostgreSQL as an outage would and brings it back with the orchestrator's start command.</summary>
public static class PostgresOutage
{
    private static readonly TimeSpan ResourceTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// PostgreSQL's fast shutdown (SIGINT: sessions are ended, the server exits at once), then waits until the orchestrator
    /// sees it gone. The orchestrator's stop command sends SIGTERM, a smart shutdown that waits for every client to
    /// disconnect — the services' pools never do — so under load it timed out ("Failed to stop resource").
    /// </summary>
    public static async Task StopAsync(StackFixture stack)
    {
        var pid = stack.Snapshot(ResourceNames.Postgres)?.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString()
            ?? throw new InvalidOperationException("the orchestrator reports no pid for postgres");
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", pid]))!)
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        await Eventually.ReturnsAsync(
            () => Task.FromResult(stack.Snapshot(ResourceNames.Postgres)?.Snapshot.State?.Text),
            state => state is "Exited" or "Finished",
            ResourceTimeout,
            "postgres stopping");
    }

    /// <summary>The orchestrator's start command, then waits until PostgreSQL is healthy again.</summary>
    public static async Task StartAsync(StackFixture stack)
    {
        await ResourceControl.StartAndWaitHealthyAsync(stack, ResourceNames.Postgres, ResourceTimeout);
        // The test process's own pools (its checks, its Hangfire client) still hold connections the outage ended.
        NpgsqlConnection.ClearAllPools();
    }
}
