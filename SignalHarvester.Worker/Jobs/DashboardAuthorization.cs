using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace SignalHarvester.Worker.Jobs;

/// <summary>
/// Who may open the Hangfire dashboard: anyone in Development; elsewhere only a request with HTTP
/// basic credentials matching <c>Jobs:Dashboard:Username</c> / <c>Password</c> (no password
/// configured means nobody).
/// </summary>
public sealed class DashboardAuthorization(IHostEnvironment environment, IConfiguration configuration) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => Authorize(context.GetHttpContext());

    public bool Authorize(HttpContext http)
    {
        if (environment.IsDevelopment())
        {
            return true;
        }

        var username = configuration["Jobs:Dashboard:Username"] ?? "admin";
        var password = configuration["Jobs:Dashboard:Password"];
        if (!string.IsNullOrEmpty(password) && TryReadBasic(http.Request.Headers.Authorization.ToString(), out var user, out var given) &&
            FixedTimeEquals(user, username) && FixedTimeEquals(given, password))
        {
            return true;
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

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
