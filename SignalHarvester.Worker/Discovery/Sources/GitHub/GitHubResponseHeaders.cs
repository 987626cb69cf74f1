using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace SignalHarvester.Worker.Discovery.Sources.GitHub;

/// <summary>What GitHub says in response headers: pagination (<c>Link</c>) and rate limit (<c>x-ratelimit-*</c>).</summary>
internal static partial class GitHubResponseHeaders
{
    /// <summary>The <c>rel="next"</c> target of the <c>Link</c> header, if any.</summary>
    public static Uri? NextLink(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        return values
            .SelectMany(value => LinkValue().Matches(value))
            .Where(match => match.Groups["rel"].Value.Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase))
            .Select(match => Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is not null);
    }

    /// <summary>Requests left in the current window (null when not reported).</summary>
    public static int? RateLimitRemaining(HttpResponseHeaders headers) =>
        First(headers, "x-ratelimit-remaining") is { } value && int.TryParse(value, CultureInfo.InvariantCulture, out var remaining) ? remaining : null;

    /// <summary>When the window resets (<c>x-ratelimit-reset</c>, epoch seconds).</summary>
    public static DateTimeOffset? RateLimitReset(HttpResponseHeaders headers) =>
        First(headers, "x-ratelimit-reset") is { } value && long.TryParse(value, CultureInfo.InvariantCulture, out var epoch) ? DateTimeOffset.FromUnixTimeSeconds(epoch) : null;

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [GeneratedRegex("""<(?<url>[^>]+)>\s*;\s*rel\s*=\s*"(?<rel>[^"]+)"?""")]
    private static partial Regex LinkValue();
}
