using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace SignalHarvester.Api.Security;

/// <summary>
/// A valid key without the route's scope: 403 ProblemDetails naming the scope it lacks (and the scopes
/// it has), so the caller knows which key to use. Everything else goes the framework's way (401 is the
/// scheme's challenge).
/// </summary>
public sealed class MissingScopeResultHandler(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await standard.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var missing = authorizeResult.AuthorizationFailure?.FailedRequirements
            .OfType<ClaimsAuthorizationRequirement>()
            .Where(requirement => requirement.ClaimType == ApiScopes.ClaimType)
            .SelectMany(requirement => requirement.AllowedValues ?? [])
            .FirstOrDefault();
        var granted = context.User.FindAll(ApiScopes.ClaimType).Select(claim => claim.Value).ToArray();

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Scope required",
                Detail = missing is null
                    ? "This API key may not perform this operation."
                    : $"This operation needs an API key with the '{missing}' scope; this key has: {string.Join(", ", granted)}.",
            },
        };
        if (missing is not null)
        {
            problem.ProblemDetails.Extensions["requiredScope"] = missing;
        }

        await problemDetails.WriteAsync(problem);
    }
}
