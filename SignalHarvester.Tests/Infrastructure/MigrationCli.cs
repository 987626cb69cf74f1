using System.Diagnostics;
using System.Reflection;
using SignalHarvester.Domain;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>Runs the migration service's command line as an operator would, from a plain process.</summary>
public static class MigrationCli
{
    // The service's own build output (its deps and runtime config), in the configuration the tests were built in.
    private static readonly string Assembly = Path.Combine(
        Path.GetDirectoryName(new Projects.SignalHarvester_MigrationService().ProjectPath)!,
        "bin",
        typeof(MigrationCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration,
        "net10.0",
        "SignalHarvester.MigrationService.dll");

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>
    /// A verb against the database at <paramref name="databaseUrl"/>, handed over in the environment as the runbook
    /// does: a password on a command line is readable by every user of the machine (<c>ps</c>).
    /// </summary>
    public static Task<Result> RunOnAsync(string databaseUrl, params string[] args) =>
        RunAsync(new Dictionary<string, string> { [$"ConnectionStrings__{ResourceNames.Database}"] = databaseUrl }, args);

    /// <summary>With <paramref name="environment"/>: how an operator hands over a secret DSN without putting it on a command line.</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The verbs must not pick up a connection string from the test environment.
        start.Environment.Remove("ConnectionStrings__harvest");
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
