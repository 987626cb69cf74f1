namespace SignalHarvester.Hosting.Infrastructure;

/// <summary>
/// Where local-mode servers keep their data. Persistent state (for <c>dotnet run</c>) lives in a
/// per-user directory, like a container volume; ephemeral state (for tests) lives in a directory
/// of its own that is removed when the AppHost stops. Both are closed to other users (0700; 0711 when
/// running as root, so the postgres OS user can pass through to its own 0700 data directory), and an
/// existing one that others may write to is refused.
/// </summary>
public sealed class LocalStateDirectory
{
    private const string EphemeralPrefix = "signalharvester-ephemeral-";
    private const string OwnerFile = "owner.pid";

    private static readonly UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly UnixFileMode Mode = Environment.UserName == "root"
        ? OwnerOnly | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute
        : OwnerOnly;

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
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, Mode);
                RefuseIfOthersMayWrite(path);
            }

            return new LocalStateDirectory(path, ephemeral: false);
        }

        RemoveAbandoned();
        // mkdtemp: a fresh name that no other user of the shared temp directory can have made first.
        var run = Directory.CreateTempSubdirectory(EphemeralPrefix);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(run.FullName, Mode);
        }

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

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void RefuseIfOthersMayWrite(string path)
    {
        if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException(
                $"The state directory {path} is writable by other users, who could replace the database files: chmod 700 it (or choose another with --Infrastructure:StateDirectory).");
        }
    }

    // Directories of ephemeral runs whose AppHost died without cleaning up; never one a live run owns
    // (another user's cannot be removed, and is left alone).
    private static void RemoveAbandoned()
    {
        foreach (var run in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), EphemeralPrefix + "*"))
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
                    // Another run is sweeping it (it will finish the job), or it is another user's.
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
