using System.Diagnostics;

namespace SignalHarvester.Hosting.Infrastructure;

/// <summary>
/// How PostgreSQL and Redis run: as containers, as local processes when no engine is there, or
/// elsewhere (a managed database and cache, given as connection strings).
/// </summary>
internal enum InfrastructureMode
{
    Auto,
    Containers,
    Local,
    External,
}

internal static class InfrastructureModeResolver
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>An explicit <c>Infrastructure:Mode</c> wins; otherwise a container runtime that answers quickly decides.</summary>
    public static InfrastructureMode Resolve(string? configured)
    {
        var mode = string.IsNullOrWhiteSpace(configured)
            ? InfrastructureMode.Auto
            : Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var parsed)
                ? parsed
                : throw new DistributedApplicationException(
                    $"Infrastructure:Mode '{configured}' is not one of auto, containers, local, external.");

        if (mode != InfrastructureMode.Auto)
        {
            return mode;
        }

        if (ContainerRuntimeAnswers("docker") || ContainerRuntimeAnswers("podman"))
        {
            return InfrastructureMode.Containers;
        }

        if (LocalBinaries.Missing() is { Count: > 0 } missing)
        {
            throw new DistributedApplicationException(
                $"No container runtime answered and {string.Join(" and ", missing)} not found: install Docker or Podman, " +
                "or PostgreSQL 15+ and Redis 7+ (Debian/Ubuntu: apt-get install postgresql redis-server; macOS: brew install postgresql@16 redis).");
        }

        return InfrastructureMode.Local;
    }

    private static bool ContainerRuntimeAnswers(string runtime)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (probe is null)
            {
                return false;
            }

            if (!probe.WaitForExit(ProbeTimeout))
            {
                probe.Kill(entireProcessTree: true);
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
