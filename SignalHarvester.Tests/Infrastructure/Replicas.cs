using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SignalHarvester.Domain;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>
/// A project's replicas as the AppHost sees them (instances named like <c>api-abcdwxyz</c>, each with the
/// pid of the process it launched), and which of them a process runs in: a bulk-job lease owner
/// (<c>machine/pid/guid</c>) in the api, a Hangfire server in the worker.
/// </summary>
public static class Replicas
{
    public const int Count = 2;

    /// <summary>Waits until <see cref="Count"/> instances of <paramref name="resource"/> are running and healthy; returns each instance's id with its launched pid.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> WaitForHealthyAsync(DistributedApplication app, TimeSpan timeout, string resource = ResourceNames.Api)
    {
        var latest = new Dictionary<string, ResourceEvent>();
        using var deadline = new CancellationTokenSource(timeout);
        await app.ResourceNotifications.WaitForResourceAsync(
            resource,
            e =>
            {
                latest[e.ResourceId] = e;
                return latest.Values.Count(IsHealthy) == Count;
            },
            deadline.Token);
        return latest.Values.Where(IsHealthy).ToDictionary(e => e.ResourceId, e => LaunchedPid(e.Snapshot));
    }

    /// <summary>
    /// The instance whose process tree holds the owner's process. The AppHost launches a project through
    /// <c>dotnet run</c>, so the instance's pid is an ancestor of the API's own process, not the process itself.
    /// </summary>
    public static string InstanceOf(string owner, IReadOnlyDictionary<string, int> replicas) =>
        InstanceOfProcess(int.Parse(owner.Split('/')[1], CultureInfo.InvariantCulture), replicas);

    /// <summary>The instance whose process tree holds the process <paramref name="pid"/>.</summary>
    public static string InstanceOfProcess(int pid, IReadOnlyDictionary<string, int> replicas)
    {
        for (int? current = pid; current is > 1; current = ParentOf(current.Value))
        {
            if (replicas.FirstOrDefault(r => r.Value == current).Key is { } instance)
            {
                return instance;
            }
        }

        throw new InvalidOperationException(
            $"process {pid} runs in none of the instances {string.Join(", ", replicas.Select(r => $"{r.Key} (pid {r.Value})"))}");
    }

    /// <summary>
    /// The instance's own address, behind the AppHost's shared endpoint: the URL the orchestrator gave
    /// that process to listen on (its effective <c>ASPNETCORE_URLS</c>).
    /// </summary>
    public static Uri DirectAddress(DistributedApplication app, string instance)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(instance, out var e))
        {
            throw new InvalidOperationException($"no state for api instance {instance}");
        }

        var urls = e.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value
            ?? throw new InvalidOperationException($"api instance {instance} has no ASPNETCORE_URLS");
        return new Uri(urls.Split(';')[0]);
    }

    public static bool IsRunning(DistributedApplication app, string instance) =>
        app.ResourceNotifications.TryGetCurrentState(instance, out var e) && e.Snapshot.State?.Text == KnownResourceStates.Running;

    private static bool IsHealthy(ResourceEvent e) =>
        e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == HealthStatus.Healthy;

    private static int LaunchedPid(CustomResourceSnapshot snapshot) =>
        Convert.ToInt32(snapshot.Properties.Single(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture);

    // Linux: the fourth field of /proc/<pid>/stat, after the command name in parentheses (which may itself hold spaces).
    private static int? ParentOf(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
