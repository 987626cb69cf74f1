using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SignalHarvester.Api.Security;

/// <summary>
/// The <c>ApiKey</c> scheme: a request presenting a configured <c>X-API-Key</c> is authenticated as
/// that key's client. No header → no result (reads stay public); an unknown key → failure. The
/// challenge of a protected route is a 401 ProblemDetails with <c>WWW-Authenticate: ApiKey</c>; a key
/// without the route's scope gets the 403 of <see cref="MissingScopeResultHandler"/>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string TierClaim = "api_key_tier";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyStore.HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(values.ToString()) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(TierClaim, key.Tier.ToString().ToLowerInvariant()),
                .. key.GrantedScopes.Select(scope => new Claim(ApiScopes.ClaimType, scope)),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        var presented = Request.Headers.ContainsKey(ApiKeyStore.HeaderName);
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = presented
                    ? $"The {ApiKeyStore.HeaderName} header does not carry a valid API key."
                    : $"This operation needs an API key in the {ApiKeyStore.HeaderName} header.",
            },
        });
    }
}
