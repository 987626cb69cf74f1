namespace SignalHarvester.Domain.Sources;

/// <summary>
/// Where a stored post or artifact came from: a <see cref="Live"/> source or a bundled
/// <see cref="Sample"/>. Kept on every row (and in every cursor), so sample data never merges
/// with live data and can be removed on its own.
/// </summary>
public static class DataOrigin
{
    public const string Live = "live";
    public const string Sample = "sample";

    public static IReadOnlyList<string> All { get; } = [Live, Sample];

    /// <summary>The origin of what a source in <paramref name="mode"/> yields.</summary>
    public static string Of(SourceMode mode) => mode == SourceMode.Sample ? Sample : Live;
}
