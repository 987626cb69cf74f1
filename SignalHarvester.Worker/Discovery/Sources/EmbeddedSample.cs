namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// The sample feeds bundled in the Worker assembly (each in its source's <c>Samples</c> folder, embedded as
/// <c>Discovery.Samples.&lt;file&gt;</c>), served to a source in sample mode; <see cref="Worker.Sources.SampleDates"/> keeps them fresh.
/// </summary>
internal static class EmbeddedSample
{
    public static string ReadText(string fileName)
    {
        var assembly = typeof(EmbeddedSample).Assembly;
        // Exact name: a file name is unique across the sources' samples (the csproj gives every one the same prefix).
        var resourceName = $"{assembly.GetName().Name}.Discovery.Samples.{fileName}";
        if (!assembly.GetManifestResourceNames().Contains(resourceName, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Embedded discovery sample '{resourceName}' is missing from {assembly.GetName().Name}.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
