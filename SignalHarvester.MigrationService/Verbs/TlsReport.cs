using Npgsql;

namespace SignalHarvester.MigrationService.Verbs;

/// <summary>
/// What the server says about this very connection's encryption (<c>pg_stat_ssl</c>), and whether
/// the client checked the server's certificate: the evidence that a managed database is reached over verified TLS.
/// </summary>
internal static class TlsReport
{
    public static async Task<string> DescribeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select ssl, version, cipher from pg_stat_ssl where pid = pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !reader.GetBoolean(0))
        {
            return "- TLS: off (plain connection)";
        }

        var sslMode = new NpgsqlConnectionStringBuilder(connection.ConnectionString).SslMode;
        var verified = sslMode switch
        {
            SslMode.VerifyFull => "certificate and host name verified",
            SslMode.VerifyCA => "certificate verified, host name not checked",
            _ => "server certificate not verified",
        };
        return $"✓ TLS: {reader.GetString(1)} {reader.GetString(2)} ({verified}, sslmode={sslMode})";
    }
}
