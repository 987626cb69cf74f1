using SignalHarvester.Domain.Signals;

namespace SignalHarvester.AppHost.Extensions;

/// <summary>
/// What the api needs from the AppHost: its <c>Discovery</c> (score weights), <c>Api</c> (CORS, response cache,
/// body limit, bulk jobs) and <c>RateLimiting</c> sections and <c>Harvest:Snapshots:Directory</c> as
/// environment variables, and the development API
/// key as a secret parameter.
/// </summary>
internal static class ApiSettingsExtensions
{
    public const string ApiKeyParameter = "api-key";

    public static IResourceBuilder<ProjectResource> WithApiSettings(
        this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder)
    {
        // Generated on first run and kept in the AppHost's user secrets, like the database passwords;
        // a standard-tier key named "development" with every scope: it is the operator's own key (narrower
        // keys for other clients are added as Api__Keys__n__* secrets, scopes "read write" by default).
        var apiKey = builder.AddParameter(ApiKeyParameter, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        return api
            // The snapshot directory too: the api serves the files the worker writes there.
            .WithConfigurationSections(builder, "Discovery", "Api", "RateLimiting", SnapshotLocation.DirectoryKey)
            .WithEnvironment("Api__Keys__0__Name", "development")
            .WithEnvironment("Api__Keys__0__Key", apiKey)
            .WithEnvironment("Api__Keys__0__Tier", "standard")
            .WithEnvironment("Api__Keys__0__Scopes", "read write admin");
    }
}
