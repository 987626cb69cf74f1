namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// The sample feeds bundled in the Worker assembly (<c>Discovery/Samples</c>), served to a source
/// in sample mode; <see cref="Worker.Sources.SampleDates"/> keeps them fresh.
/// </summary>
internal static class EmbeddedSample
{
    public static string ReadText(string fileName)
    {
        var assembly = typeof(EmbeddedSample).Assembly;
        // Exact name: the csproj's **/Samples/** glob can also embed copies that the build placed under bin/.
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
