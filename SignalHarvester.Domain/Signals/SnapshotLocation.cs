namespace SignalHarvester.Domain.Signals;

/// <summary>
/// Where signal snapshots live: the worker writes them there, the API serves them from there, so both
/// read the same setting, <c>Harvest:Snapshots:Directory</c>, with the same default.
/// </summary>
public static class SnapshotLocation
{
    public const string DirectoryKey = "Harvest:Snapshots:Directory";

    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "signalharvester", "snapshots");

    /// <summary>The configured directory (null or blank means <see cref="DefaultDirectory"/>), as a full path.</summary>
    public static string Resolve(string? configured) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultDirectory : configured);
}
