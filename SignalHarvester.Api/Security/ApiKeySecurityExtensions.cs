using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SignalHarvester.Api.Security;

/// <summary>API keys: the authentication scheme, one policy per scope, and the 403 that names a missing scope.</summary>
public static class ApiKeySecurityExtensions
{
    public static IHostApplicationBuilder AddApiKeySecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>()
            .Bind(builder.Configuration.GetSection(ApiKeyOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidation>();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, MissingScopeResultHandler>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.Known)
        {
            authorization.AddPolicy(ApiScopes.PolicyName(scope), policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiScopes.ClaimType, scope));
        }

        return builder;
    }

    /// <summary>Marks a route (group) as needing a valid <c>X-API-Key</c> that carries <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoints, string scope) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(ApiScopes.PolicyName(scope)).WithMetadata(new RequiredScope(scope));
}
