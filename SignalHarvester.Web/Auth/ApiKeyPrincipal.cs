using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SignalHarvester.Web.Auth;

/// <summary>
/// A signed-in person is the API key they presented. The key lives only in the authentication
/// cookie, which Data Protection encrypts and the browser keeps HTTP-only: no script ever reads it.
/// </summary>
public static class ApiKeyPrincipal
{
    private const string KeyClaim = "signalharvester:api-key";

    public static ClaimsPrincipal Create(string key) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "API key …" + key[^Math.Min(4, key.Length)..]), new Claim(KeyClaim, key)],
        CookieAuthenticationDefaults.AuthenticationScheme));

    public static string? KeyOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirst(KeyClaim)?.Value : null;
}
