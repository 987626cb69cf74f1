namespace SignalHarvester.Tests.Signals.Snapshots;

/// <summary>Locates command-line tools (sha256sum, gzip) so tests can check the files with them where they exist.</summary>
public static class ExecutablePath
{
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
