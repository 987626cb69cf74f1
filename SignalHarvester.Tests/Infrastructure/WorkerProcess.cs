using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using SignalHarvester.Domain;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>Crashes the stack's worker (no graceful stop: SIGKILL to its process tree) and brings it back with the orchestrator's start command.</summary>
public static class WorkerProcess
{
    private static readonly TimeSpan ResourceTimeout = TimeSpan.FromMinutes(2);

    public static Task KillAsync(StackFixture stack) => KillAsync(
        stack,
        Convert.ToInt32(stack.Snapshot(ResourceNames.Worker)?.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture),
        _ => true);

    /// <summary>Crashes one replica of the worker: its instance id and launched pid as <see cref="Replicas"/> reports them.</summary>
    public static Task KillReplicaAsync(StackFixture stack, string instance, int pid) => KillAsync(stack, pid, e => e.ResourceId == instance);

    private static async Task KillAsync(StackFixture stack, int pid, Func<ResourceEvent, bool> isKilled)
    {
        // The orchestrator launches the project through `dotnet run`: the worker is a child of the pid it reports.
        using (var launched = Process.GetProcessById(pid))
        {
            launched.Kill(entireProcessTree: true);
            await launched.WaitForExitAsync();
        }

        await stack.App.ResourceNotifications.WaitForResourceAsync(
            ResourceNames.Worker, e => isKilled(e) && KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text)).WaitAsync(ResourceTimeout);
    }

    public static Task StartAsync(StackFixture stack) => ResourceControl.StartAndWaitHealthyAsync(stack, ResourceNames.Worker, ResourceTimeout);
}
