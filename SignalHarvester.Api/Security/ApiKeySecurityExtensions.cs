using Microsoft.AspNetCore.Authentication;

namespace SignalHarvester.Api.Security;

/// <summary>API keys: the authentication scheme and the policy every mutation and admin route requires.</summary>
public static class ApiKeySecurityExtensions
{
    public const string RequireApiKeyPolicy = "ApiKey";

    public static IHostApplicationBuilder AddApiKeySecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ApiKeyOptions>(builder.Configuration.GetSection(ApiKeyOptions.SectionName));
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RequireApiKeyPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>Marks a route (group) as needing a valid <c>X-API-Key</c>.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(RequireApiKeyPolicy);
}
