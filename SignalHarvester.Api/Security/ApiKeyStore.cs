using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SignalHarvester.Api.Security;

/// <summary>Finds the configured key a request presents, in time independent of where (or whether) it matches.</summary>
public sealed class ApiKeyStore(IOptionsMonitor<ApiKeyOptions> options)
{
    public const string HeaderName = "X-API-Key";

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
        foreach (var key in options.CurrentValue.Keys)
        {
            if (string.IsNullOrEmpty(key.Key))
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key))))
            {
                match ??= key;
            }
        }

        return match;
    }
}
