using Microsoft.Extensions.Configuration;

namespace SignalHarvester.AppHost.Extensions;

/// <summary>
/// Configuration of the pipelines lives in one place, the AppHost: its <c>Harvest</c>,
/// <c>Discovery</c>, <c>Llm</c> and <c>Salience</c> sections (appsettings, environment variables
/// such as <c>Harvest__X__BaseUrl</c>, command line) are handed to a service as environment
/// variables, and the credentials as secret parameters.
/// </summary>
internal static class PipelineSettingsExtensions
{
    private static readonly string[] ForwardedSections = ["Harvest", "Discovery", "Llm", "Salience"];

    // Parameter name → the service's configuration key.
    private static readonly (string Parameter, string Key)[] Credentials =
    [
        ("x-bearer-token", "Harvest:X:BearerToken"),
        ("slack-webhook-url", "Harvest:Slack:WebhookUrl"),
        ("llm-api-key", "Llm:ApiKey"),
        ("github-token", "Discovery:Sources:GitHub:Token"),
    ];

    public static IResourceBuilder<ProjectResource> WithPipelineSettings(
        this IResourceBuilder<ProjectResource> service, IDistributedApplicationBuilder builder)
    {
        foreach (var section in ForwardedSections)
        {
            foreach (var (key, value) in builder.Configuration.GetSection(section).AsEnumerable(makePathsRelative: false))
            {
                if (value is not null && !IsCredential(key))
                {
                    service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
                }
            }
        }

        foreach (var (parameter, key) in Credentials)
        {
            var secret = builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == parameter) is { } existing
                ? builder.CreateResourceBuilder(existing)
                : builder.AddParameter(parameter, new OptionalSecretDefault(builder.Configuration, key), secret: true);
            service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), secret);
        }

        return service;
    }

    // Credentials only travel as secret parameters (see OptionalSecretDefault), never as plain values.
    private static bool IsCredential(string key) =>
        Credentials.Any(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
}
