namespace SignalHarvester.Tests.Signals.Snapshots;

/// <summary>
/// Locates the command-line tools operators check snapshots with (sha256sum, gzip: coreutils and
/// gzip, on every machine eng/prerequisites.sh supports). A missing tool fails the test, never skips it.
/// </summary>
public static class ExecutablePath
{
    public static string Require(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{program} is not on PATH: run eng/prerequisites.sh");
}
