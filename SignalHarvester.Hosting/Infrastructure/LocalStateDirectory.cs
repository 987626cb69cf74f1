namespace SignalHarvester.Hosting.Infrastructure;

/// <summary>
/// Where local-mode servers keep their data. Persistent state (for <c>dotnet run</c>) lives in a
/// per-user directory, like a container volume; ephemeral state (for tests) lives in a directory
/// of its own that is removed when the AppHost stops.
/// </summary>
internal sealed class LocalStateDirectory
{
    private const string EphemeralRoot = "signalharvester-ephemeral";
    private const string OwnerFile = "owner.pid";

    private LocalStateDirectory(string path, bool ephemeral)
    {
        Path = path;
        Ephemeral = ephemeral;
    }

    public string Path { get; }

    public bool Ephemeral { get; }

    public string For(string resourceName) => System.IO.Path.Combine(Path, resourceName);

    public static LocalStateDirectory Create(bool ephemeral, string? configuredPath)
    {
        if (!ephemeral)
        {
            var path = configuredPath ?? DefaultPersistentPath();
            Directory.CreateDirectory(path);
            return new LocalStateDirectory(path, ephemeral: false);
        }

        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), EphemeralRoot);
        Directory.CreateDirectory(root);
        RemoveAbandoned(root);
        var run = Directory.CreateDirectory(System.IO.Path.Combine(root, Guid.NewGuid().ToString("N")[..12]));
        File.WriteAllText(System.IO.Path.Combine(run.FullName, OwnerFile), Environment.ProcessId.ToString());
        return new LocalStateDirectory(run.FullName, ephemeral: true);
    }

    public void RemoveIfEphemeral()
    {
        if (Ephemeral && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    // Root's home is closed to the postgres OS user, so root keeps its state under /var/lib.
    private static string DefaultPersistentPath() =>
        Environment.UserName == "root"
            ? "/var/lib/signalharvester"
            : System.IO.Path.Combine(
                Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state
                    ? state
                    : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"),
                "signalharvester");

    // Directories of ephemeral runs whose AppHost died without cleaning up; never one a live run owns.
    private static void RemoveAbandoned(string root)
    {
        foreach (var run in Directory.EnumerateDirectories(root))
        {
            var owner = System.IO.Path.Combine(run, OwnerFile);
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && !ProcessIsAlive(pid))
            {
                try
                {
                    Directory.Delete(run, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another run is sweeping the same directory; it will finish the job.
                }
            }
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
