using System.Diagnostics;
using Npgsql;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.External;

/// <summary>
/// A second PostgreSQL server standing in for a managed one: TLS only (a certificate from a private CA),
/// scram-sha-256 and a password full of URL-special characters. The password reaches initdb in a file,
/// never a command line. Started from the machine's binaries, as the local mode does.
/// </summary>
public sealed class ManagedPostgres(string directory, Process server, int port, string password) : ManagedServer(directory, server, port, password)
{
    public const string User = "managed_admin";
    public const string Database = "harvest_managed";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly bool AsRoot = Environment.UserName == "root";

    /// <summary>The URL an operator pastes from the provider's console: percent-encoded password, verify-full, the CA to trust.</summary>
    public string Url(string caFile, string database = Database) => Url(caFile, database, User, Password);

    /// <summary>The same server and database as another role (the application role, which the migrations create).</summary>
    public string Url(string caFile, string database, string user, string password) =>
        $"postgresql://{user}:{Uri.EscapeDataString(password)}@127.0.0.1:{Port}/{database}?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(caFile)}";

    public static async Task<ManagedPostgres> StartAsync(TestCertificates certificates, string password)
    {
        // Under /tmp, not root's home: the postgres OS user must reach it.
        var directory = Directory.CreateTempSubdirectory("signalharvester-managed-postgres-").FullName;
        var data = Path.Combine(directory, "data");
        var passwordFile = Path.Combine(directory, "password");
        await File.WriteAllTextAsync(passwordFile, password + "\n");
        if (AsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        await RunAsync(AsServerUser(Binary("initdb"), ["--no-sync", "--auth=scram-sha-256", $"--username={User}", $"--pwfile={passwordFile}",
            "--encoding=UTF8", "--locale=C.UTF-8", "-D", data]));
        File.Delete(passwordFile);

        // TLS or nothing, as managed services insist.
        await File.WriteAllTextAsync(Path.Combine(data, "pg_hba.conf"), "hostssl all all 127.0.0.1/32 scram-sha-256\n");
        File.Copy(certificates.ServerCertificateFile, Path.Combine(data, "server.crt"));
        File.Copy(certificates.ServerKeyFile, Path.Combine(data, "server.key"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(data, "server.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        if (AsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        var port = FreePort.Pick();
        var start = AsServerUser(Binary("postgres"), ["-D", data, "-p", $"{port}", "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
            "-c", "ssl=on", "-c", "ssl_cert_file=server.crt", "-c", "ssl_key_file=server.key", "-c", "fsync=off", "-c", "synchronous_commit=off"]);
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = true;
        var server = Process.Start(start)!;
        var log = server.StandardError.ReadToEndAsync();
        var managed = new ManagedPostgres(directory, server, port, password);
        var connectionString = new NpgsqlConnectionStringBuilder(Data.DatabaseUrl.ToConnectionString(managed.Url(certificates.CaFile, "postgres")))
        {
            Pooling = false,
            Timeout = 2,
        }.ConnectionString;
        return await AnsweringAsync<ManagedPostgres, NpgsqlException>(managed, StartTimeout, async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
        }, log);
    }

    // SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for the stack's pooled connections).
    protected override async Task StopAsync()
    {
        await RunAsync("kill", ["-INT", $"{Server.Id}"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Server.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Server.Kill(entireProcessTree: true);
            await Server.WaitForExitAsync();
        }
    }

    // Debian keeps the server binaries off PATH, under /usr/lib/postgresql/<version>/bin.
    private static string Binary(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return onPath ?? Directory.EnumerateDirectories("/usr/lib/postgresql").Order().Select(v => Path.Combine(v, "bin", name)).Last(File.Exists);
    }

    // PostgreSQL refuses to run as root.
    private static ProcessStartInfo AsServerUser(string binary, IEnumerable<string> args)
    {
        var start = AsRoot
            ? new ProcessStartInfo("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", binary, .. args])
            : new ProcessStartInfo(binary, args);
        start.RedirectStandardOutput = true;
        return start;
    }

    private static Task RunAsync(string file, IEnumerable<string> args) => RunAsync(new ProcessStartInfo(file, args) { RedirectStandardOutput = true });

    private static async Task RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
