using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace SignalHarvester.Worker.Jobs;

/// <summary>
/// Who may open the Hangfire dashboard: anyone in Development; elsewhere only a request with HTTP
/// basic credentials matching <c>Jobs:Dashboard:Username</c> / <c>Password</c> (no password
/// configured means nobody). Credentials are compared as SHA-256 digests in fixed time, so neither
/// their content nor their length shows in the timing; a client address with
/// <see cref="MaxFailures"/> wrong tries within <see cref="LockoutWindow"/> is refused, right
/// credentials or not, until the window has passed since its first failure.
/// </summary>
public sealed class DashboardAuthorization(IHostEnvironment environment, IConfiguration configuration, TimeProvider clock) : IDashboardAuthorizationFilter
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutWindow = TimeSpan.FromMinutes(15);
    private const int MaxTrackedClients = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Failures> failures = new();

    public bool Authorize(DashboardContext context) => Authorize(context.GetHttpContext());

    public bool Authorize(HttpContext http)
    {
        if (environment.IsDevelopment())
        {
            return true;
        }

        var client = http.Connection.RemoteIpAddress ?? IPAddress.None;
        var now = clock.GetUtcNow();
        if (failures.TryGetValue(client, out var recent) && now - recent.Since >= LockoutWindow)
        {
            failures.TryRemove(new KeyValuePair<IPAddress, Failures>(client, recent));
            recent = null;
        }

        if (recent is { Count: >= MaxFailures })
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling((recent.Since + LockoutWindow - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return false;
        }

        var username = configuration["Jobs:Dashboard:Username"] ?? "admin";
        var password = configuration["Jobs:Dashboard:Password"];
        if (!string.IsNullOrEmpty(password) && TryReadBasic(http.Request.Headers.Authorization.ToString(), out var user, out var given) &&
            DigestsEqual(user, username) & DigestsEqual(given, password))
        {
            failures.TryRemove(client, out _);
            return true;
        }

        if (http.Request.Headers.Authorization.Count > 0)
        {
            if (failures.Count >= MaxTrackedClients)
            {
                // Many addresses failing at once: forget the ones whose window has passed rather than grow without bound.
                foreach (var stale in failures.Where(f => now - f.Value.Since >= LockoutWindow))
                {
                    failures.TryRemove(stale);
                }
            }

            failures.AddOrUpdate(client, _ => new Failures(now, 1), (_, f) => f with { Count = f.Count + 1 });
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"SignalHarvester jobs\"";
        return false;
    }

    private static bool TryReadBasic(string header, out string user, out string password)
    {
        user = password = "";
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':');
            if (colon < 0)
            {
                return false;
            }

            (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool DigestsEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private sealed record Failures(DateTimeOffset Since, int Count);
}
