using Aspire.Hosting.Publishing;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// A deployment setting (not a secret) with the value a deployment gets unless it sets its own; the
/// staging bundle writes it as <c>${VARIABLE-value}</c> and documents it in the example env file.
/// </summary>
public sealed class PublishedSettingDefault(string value) : ParameterDefault
{
    public string Value { get; } = value;

    public override string GetDefaultValue() => Value;

    public override void WriteToManifest(ManifestPublishingContext context) => context.Writer.WriteString("value", Value);
}
