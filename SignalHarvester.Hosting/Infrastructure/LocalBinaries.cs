namespace SignalHarvester.Hosting.Infrastructure;

/// <summary>Finds the PostgreSQL and Redis server binaries that local mode runs.</summary>
internal static class LocalBinaries
{
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!OnPath("postgres") && !DebianPostgresInstalled())
        {
            missing.Add("postgres");
        }

        if (!OnPath("redis-server"))
        {
            missing.Add("redis-server");
        }

        return missing;
    }

    // Debian keeps the server binaries off PATH, under /usr/lib/postgresql/<version>/bin.
    private static bool DebianPostgresInstalled() =>
        Directory.Exists("/usr/lib/postgresql") &&
        Directory.EnumerateDirectories("/usr/lib/postgresql").Any(v => File.Exists(Path.Combine(v, "bin", "postgres")));

    private static bool OnPath(string binary) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, binary)));
}
