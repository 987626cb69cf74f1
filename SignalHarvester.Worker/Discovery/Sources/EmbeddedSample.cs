namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// The sample feeds bundled in the Worker assembly (<c>Discovery/Samples</c>), read when a source
/// has no base URL, and the clock shift that keeps them looking fresh.
/// </summary>
internal static class EmbeddedSample
{
    /// <summary>How old the newest sample item looks: recent enough for any 24 h window and for recency scoring.</summary>
    public static readonly TimeSpan NewestItemAge = TimeSpan.FromHours(1);

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

    /// <summary>
    /// The offset that moves a sample's newest timestamp to <see cref="NewestItemAge"/> before
    /// <paramref name="now"/>; applied to every timestamp so relative spacing is kept. Whole
    /// seconds, because some formats (HN) only have seconds.
    /// </summary>
    public static TimeSpan ShiftFor(DateTimeOffset newestInSample, DateTimeOffset now) =>
        TimeSpan.FromSeconds(Math.Floor((now - NewestItemAge - newestInSample).TotalSeconds));
}
