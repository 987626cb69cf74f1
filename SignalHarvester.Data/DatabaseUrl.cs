using Npgsql;

namespace SignalHarvester.Data;

/// <summary>
/// Turns what operators paste into a connection string Npgsql accepts: either a
/// <c>postgresql://user:pass@host:port/db?sslmode=require</c> URL (percent-encoded user and
/// password are decoded, so passwords with <c>!@#$%</c> work) or an Npgsql key=value string.
/// URL parameters may use libpq's names (<c>sslmode=verify-full</c>, <c>sslrootcert=/path/ca.crt</c>), as
/// managed-database consoles print them.
/// </summary>
public static class DatabaseUrl
{
    // libpq's parameter names and values where Npgsql spells them differently.
    private static readonly Dictionary<string, string> LibpqKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
    };

    private static readonly Dictionary<string, string> LibpqSslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["verify-full"] = "VerifyFull",
        ["verify-ca"] = "VerifyCA",
    };

    public static string ToConnectionString(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var trimmed = value.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(trimmed).ConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"not a valid Npgsql connection string ({e.Message})", e);
            }
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgresql" or "postgres"))
        {
            throw new FormatException("database URL must look like postgresql://user:password@host:5432/database");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("database URL has no host");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : null,
        };

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, setting) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (Uri.UnescapeDataString(pair), "");
            try
            {
                builder[LibpqKeys.GetValueOrDefault(key, key)] = LibpqSslModes.GetValueOrDefault(setting, setting);
            }
            catch (ArgumentException)
            {
                throw new FormatException($"database URL parameter '{key}' is not an Npgsql setting");
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>The connection string with its password replaced, safe to print.</summary>
    public static string Masked(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var password = string.IsNullOrEmpty(builder.Password) ? "" : ":***";
        // The TLS mode is evidence too: it says whether the server's certificate was verified.
        var sslMode = builder.SslMode == SslMode.Prefer ? "" : $"?sslmode={builder.SslMode}";
        return $"postgresql://{builder.Username}{password}@{builder.Host}:{builder.Port}/{builder.Database}{sslMode}";
    }
}
