using System.Diagnostics;
using SignalHarvester.Data.Caching;
using SignalHarvester.Tests.Infrastructure;
using StackExchange.Redis;

namespace SignalHarvester.Tests.External;

/// <summary>
/// A Redis server standing in for a managed one: TLS only (no plain port), a certificate from a private CA,
/// and a password with URL-special characters, handed over as configuration on standard input.
/// </summary>
public sealed class ManagedRedis(string directory, Process server, int port, string password) : ManagedServer(directory, server, port, password)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The URL an operator pastes: rediss, percent-encoded password, the CA to trust.</summary>
    public string Url(string caFile) => $"rediss://:{Uri.EscapeDataString(Password)}@127.0.0.1:{Port}?sslrootcert={Uri.EscapeDataString(caFile)}";

    /// <summary>A client connection as the services make it (the same conversion), for checks on what they stored.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync(string caFile)
    {
        var cache = CacheUrl.Parse(Url(caFile));
        var options = ConfigurationOptions.Parse(cache.ConnectionString);
        options.TrustIssuer(cache.CaCertificate!);
        options.ConnectTimeout = 2000;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    public static async Task<ManagedRedis> StartAsync(TestCertificates certificates, string password)
    {
        var directory = Directory.CreateTempSubdirectory("signalharvester-managed-redis-").FullName;
        var port = FreePort.Pick();
        var start = new ProcessStartInfo("redis-server", ["-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            WorkingDirectory = directory,
        };
        var server = Process.Start(start)!;
        var log = server.StandardOutput.ReadToEndAsync();
        // Configuration (the password with it) on standard input: nothing secret in the process list.
        await server.StandardInput.WriteAsync(
            $"""
            port 0
            tls-port {port}
            bind 127.0.0.1
            tls-cert-file {certificates.ServerCertificateFile}
            tls-key-file {certificates.ServerKeyFile}
            tls-ca-cert-file {certificates.CaFile}
            tls-auth-clients no
            requirepass "{password.Replace("\\", "\\\\").Replace("\"", "\\\"")}"
            dir {directory}
            save ""
            appendonly no

            """);
        server.StandardInput.Close();

        var managed = new ManagedRedis(directory, server, port, password);
        return await AnsweringAsync<ManagedRedis, RedisConnectionException>(managed, StartTimeout, async () =>
        {
            await using var connection = await managed.ConnectAsync(certificates.CaFile);
            await connection.GetDatabase().PingAsync();
        }, log);
    }
}
