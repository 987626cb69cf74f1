using System.Diagnostics;

namespace SignalHarvester.Tests.Deployment;

/// <summary>Runs a command-line tool (promtool, docker-compose, the AppHost…) and captures what it says.</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}: {Output}";
    }

    public static async Task<Result> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{program} is not installed: run eng/prerequisites.sh");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, (await output) + (await errors));
        }
    }

    /// <summary>The repository: the directory holding SignalHarvester.sln above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "SignalHarvester.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("SignalHarvester.sln not found above the test binaries");
    }

    /// <summary>
    /// Installs the npm packages pinned in <paramref name="directory"/> (its package-lock.json) unless
    /// <paramref name="installed"/> is already there; the tools the tests run from eng/ come this way.
    /// </summary>
    public static async Task EnsureNpmPackagesAsync(string directory, string installed, string what)
    {
        if (File.Exists(installed) || Directory.Exists(installed))
        {
            return;
        }

        var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], directory);
        Assert.True(install.ExitCode == 0, $"installing {what} failed (needs npm: eng/prerequisites.sh): {install}");
    }
}
