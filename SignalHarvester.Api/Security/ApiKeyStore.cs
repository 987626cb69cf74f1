using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SignalHarvester.Api.Security;

/// <summary>Finds the configured key a request presents, in time independent of where (or whether) it matches.</summary>
public sealed class ApiKeyStore(IOptionsMonitor<ApiKeyOptions> options)
{
    public const string HeaderName = "X-API-Key";

    // The configured keys' digests, computed once per configuration (every request asks twice: the rate
    // limiter and the authentication handler).
    private KeyDigests? digests;

    public ApiKeyDefinition? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        // Compare SHA-256 digests so both sides have the same length (FixedTimeEquals leaks length
        // otherwise) and visit every key, so timing reveals neither which key matched nor how much of it.
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyDefinition? match = null;
        foreach (var (key, digest) in Digests())
        {
            if (CryptographicOperations.FixedTimeEquals(presentedHash, digest))
            {
                match ??= key;
            }
        }

        return match;
    }

    private (ApiKeyDefinition Key, byte[] Digest)[] Digests()
    {
        var current = options.CurrentValue;
        if (digests is { } known && ReferenceEquals(known.Source, current))
        {
            return known.Digests;
        }

        var computed = current.Keys.Where(k => !string.IsNullOrEmpty(k.Key))
            .Select(k => (k, SHA256.HashData(Encoding.UTF8.GetBytes(k.Key))))
            .ToArray();
        digests = new KeyDigests(current, computed);
        return computed;
    }

    private sealed record KeyDigests(ApiKeyOptions Source, (ApiKeyDefinition Key, byte[] Digest)[] Digests);
}
