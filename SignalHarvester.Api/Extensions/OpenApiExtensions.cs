using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using SignalHarvester.Api.Security;

namespace SignalHarvester.Api.Extensions;

/// <summary>The contract: the OpenAPI document at <c>/openapi/v1.json</c> and the Scalar UI at <c>/scalar</c>.</summary>
internal static class OpenApiExtensions
{
    public static IHostApplicationBuilder AddApiDocumentation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SignalHarvester API";
                document.Info.Description = "Signals and discoveries; pipeline runs need an API key (X-API-Key). "
                                            + "Every response carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyStore.HeaderName,
                    Description = "An API key (tier standard or premium).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Rate limit exceeded (ProblemDetails, Retry-After)" });
                var protectedRoute = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any();
                if (protectedRoute)
                {
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing or invalid API key (ProblemDetails)" });
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [],
                    });
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", options => options.WithTitle("SignalHarvester API"));
        return app;
    }
}
