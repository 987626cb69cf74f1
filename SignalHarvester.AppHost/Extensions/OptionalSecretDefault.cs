using Aspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace SignalHarvester.AppHost.Extensions;

/// <summary>
/// An optional credential. Its value comes from <c>Parameters:name</c> (user secrets, environment)
/// or else from the service-style key (e.g. <c>Harvest:X:BearerToken</c>) given to the AppHost;
/// empty when neither is set, so the stack runs on its embedded defaults without asking for it.
/// </summary>
internal sealed class OptionalSecretDefault(IConfiguration configuration, string fallbackKey) : ParameterDefault
{
    public override string GetDefaultValue() => configuration[fallbackKey] ?? "";

    public override void WriteToManifest(ManifestPublishingContext context)
    {
        // No default is published: a deployment supplies the value or leaves the feature off.
    }
}
