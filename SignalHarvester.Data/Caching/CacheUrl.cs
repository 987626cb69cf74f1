namespace SignalHarvester.Data.Caching;

/// <summary>A Redis connection string in StackExchange.Redis' form, and the CA file to trust for its TLS, if any.</summary>
public sealed record CacheConnection(string ConnectionString, string? CaCertificate);

/// <summary>
/// Turns what operators paste into what StackExchange.Redis accepts: a <c>redis://</c> or (TLS)
/// <c>rediss://[user]:password@host:port/db?sslrootcert=/path/ca.crt</c> URL with a percent-encoded
/// password, or StackExchange.Redis' own <c>host:port,password=…,ssl=true</c> form. In either form
/// <c>sslrootcert</c> names a CA to trust beyond the system's (a managed Redis' private CA).
/// </summary>
public static class CacheUrl
{
    private const string CaKey = "sslrootcert";
    private const int DefaultPort = 6379;

    public static CacheConnection Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var trimmed = value.Trim();
        return trimmed.Contains("://", StringComparison.Ordinal) ? FromUrl(trimmed) : FromOptions(trimmed);
    }

    private static CacheConnection FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("cache URL must look like rediss://:password@host:6380 (or redis:// without TLS)");
        }

        var parts = new List<string> { $"{uri.Host}:{(uri.Port > 0 ? uri.Port : DefaultPort)}" };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            parts.Add($"user={Uri.UnescapeDataString(userInfo[0])}");
        }

        if (userInfo.Length == 2 && userInfo[1].Length > 0)
        {
            parts.Add($"password={Uri.UnescapeDataString(userInfo[1])}");
        }

        if (uri.AbsolutePath.Trim('/') is { Length: > 0 } database)
        {
            parts.Add(int.TryParse(database, out var number) ? $"defaultDatabase={number}" : throw new FormatException($"cache URL database '{database}' is not a number"));
        }

        if (uri.Scheme == "rediss")
        {
            parts.Add("ssl=true");
        }

        string? ca = null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, setting) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (pair, "");
            if (!string.Equals(key, CaKey, StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"cache URL parameter '{key}' is not supported (only {CaKey})");
            }

            ca = setting;
        }

        if (parts.Any(p => p.Contains(',', StringComparison.Ordinal)))
        {
            // StackExchange.Redis' form separates its options with commas and has no way to escape one.
            throw new FormatException("cache URL: a ',' in the user or password cannot be passed to the Redis client");
        }

        return new CacheConnection(string.Join(',', parts), ca);
    }

    private static CacheConnection FromOptions(string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var ca = parts.FirstOrDefault(p => p.StartsWith($"{CaKey}=", StringComparison.OrdinalIgnoreCase));
        return ca is null
            ? new CacheConnection(value, null)
            : new CacheConnection(string.Join(',', parts.Where(p => p != ca)), ca[(CaKey.Length + 1)..]);
    }
}
