using Microsoft.Extensions.Configuration;

namespace SignalHarvester.AppHost.Extensions;

/// <summary>
/// Configuration of the pipelines lives in one place, the AppHost: its <c>Harvest</c>,
/// <c>Discovery</c>, <c>Llm</c>, <c>Salience</c> and <c>Jobs</c> sections (appsettings, environment variables
/// such as <c>Harvest__X__BaseUrl</c>, command line) are handed to a service as environment
/// variables, and the credentials as secret parameters.
/// </summary>
internal static class PipelineSettingsExtensions
{
    private static readonly string[] ForwardedSections = ["Harvest", "Discovery", "Llm", "Salience", "Jobs"];

    // Parameter name → the service's configuration key.
    private static readonly (string Parameter, string Key)[] Credentials =
    [
        ("x-bearer-token", "Harvest:X:BearerToken"),
        ("slack-webhook-url", "Harvest:Slack:WebhookUrl"),
        ("llm-api-key", "Llm:ApiKey"),
        ("github-token", "Discovery:Sources:GitHub:Token"),
    ];

    /// <summary>Everything the worker's pipelines need: their configuration sections and credentials.</summary>
    public static IResourceBuilder<ProjectResource> WithPipelineSettings(
        this IResourceBuilder<ProjectResource> service, IDistributedApplicationBuilder builder)
    {
        service.WithConfigurationSections(builder, ForwardedSections);
        foreach (var (parameter, key) in Credentials)
        {
            var secret = builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == parameter) is { } existing
                ? builder.CreateResourceBuilder(existing)
                : builder.AddParameter(parameter, new OptionalSecretDefault(builder.Configuration, key), secret: true);
            service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), secret);
        }

        return service;
    }

    /// <summary>The AppHost's configuration under these sections, as the service's environment (credentials excluded).</summary>
    public static IResourceBuilder<ProjectResource> WithConfigurationSections(
        this IResourceBuilder<ProjectResource> service, IDistributedApplicationBuilder builder, params string[] sections)
    {
        foreach (var section in sections)
        {
            foreach (var (key, value) in builder.Configuration.GetSection(section).AsEnumerable(makePathsRelative: false))
            {
                if (value is not null && !IsCredential(key))
                {
                    service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
                }
            }
        }

        return service;
    }

    // Credentials only travel as secret parameters (see OptionalSecretDefault and the api-key
    // parameter), never as plain values.
    private static bool IsCredential(string key) =>
        Credentials.Any(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase))
        || key.Equals("Api:Keys", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Api:Keys:", StringComparison.OrdinalIgnoreCase);
}
