using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SignalHarvester.Web.Auth;

/// <summary>Signing out is a POST (with the antiforgery token of the layout's form), never a link a page could trigger.</summary>
public static class SignOutEndpoint
{
    public static IEndpointConventionBuilder MapSignOut(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("/");
        });
}
