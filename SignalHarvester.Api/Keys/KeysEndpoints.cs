using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SignalHarvester.Api.Security;

namespace SignalHarvester.Api.Keys;

/// <summary>/api/v1/keys: what the presented key may do, so a client (the console's sign-in) can check a key and its scopes.</summary>
public static class KeysEndpoints
{
    public static RouteGroupBuilder MapKeysEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/keys").WithTags("Keys")
            .MapGet("/current", Current).RequireScope(ApiScopes.Read)
            .WithName("CurrentApiKey").WithSummary("The presented key's name, tier and scopes");
        return api;
    }

    private static Ok<ApiKeyResponse> Current(ClaimsPrincipal user) => TypedResults.Ok(new ApiKeyResponse(
        user.Identity?.Name ?? "",
        user.FindFirstValue(ApiKeyAuthenticationHandler.TierClaim) ?? "",
        [.. user.FindAll(ApiScopes.ClaimType).Select(claim => claim.Value)]));
}
