using Microsoft.OpenApi;
using Scalar.AspNetCore;
using SignalHarvester.Api.RateLimiting;
using SignalHarvester.Api.Security;

namespace SignalHarvester.Api.OpenApi;

/// <summary>The contract: the OpenAPI document at <c>/openapi/v1.json</c> and the Scalar UI at <c>/scalar</c> (when enabled).</summary>
internal static class OpenApiExtensions
{
    public static IHostApplicationBuilder AddApiDocumentation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SignalHarvester API";
                document.Info.Description = "Signals and discoveries. Reads are public; changes need an API key (X-API-Key) with the "
                                            + "`write` scope, destructive and operational routes the `admin` scope. "
                                            + "Every response carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyStore.HeaderName,
                    Description = "An API key (tier standard or premium; scopes read, write, admin).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Rate limit exceeded (ProblemDetails, Retry-After)" });
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestCost>().LastOrDefault() is { } cost)
                {
                    operation.Description = $"Costs {cost.Tokens} rate-limit tokens (a plain request costs 1).{(operation.Description is null ? "" : " " + operation.Description)}";
                }

                var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().LastOrDefault()?.Scope;
                if (scope is not null)
                {
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing or invalid API key (ProblemDetails)" });
                    operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The API key lacks the '{scope}' scope (ProblemDetails naming it)" });
                    operation.Description = $"Requires an API key with the `{scope}` scope.{(operation.Description is null ? "" : " " + operation.Description)}";
                    operation.Security ??= [];
                    // OpenAPI 3.1 lets any scheme list the roles it needs: the key's scope.
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [scope],
                    });
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary><c>Api:Documentation:Enabled</c>: on in Development, off elsewhere unless configured.</summary>
    public const string EnabledKey = "Api:Documentation:Enabled";

    /// <summary>
    /// A deployment publishes the contract only when it means to: the document lists every route and
    /// the interactive reference invites trying them.
    /// </summary>
    public static bool DocumentationEnabled(this WebApplication app) =>
        app.Configuration.GetValue(EnabledKey, app.Environment.IsDevelopment());

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        if (app.DocumentationEnabled())
        {
            app.MapOpenApi("/openapi/{documentName}.json");
            app.MapScalarApiReference("/scalar", options => options.WithTitle("SignalHarvester API"));
        }

        return app;
    }
}
