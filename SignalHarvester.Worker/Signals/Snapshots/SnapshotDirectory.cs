namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>Reads a snapshot directory as sets of files grouped by stamp.</summary>
public static class SnapshotDirectory
{
    /// <summary>Newest first. A missing directory has no sets; files that do not follow <see cref="SnapshotNaming"/> are left out.</summary>
    public static IReadOnlyList<SnapshotSet> ListSets(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = new List<SnapshotSetFile>();
        foreach (var info in new DirectoryInfo(directory).EnumerateFiles())
        {
            if (SnapshotNaming.TryParse(info.Name, out var name))
            {
                files.Add(new SnapshotSetFile(name, info.FullName, info.Length));
            }
        }

        return files
            .GroupBy(f => f.Name.Stamp, StringComparer.Ordinal)
            .Select(g => new SnapshotSet(g.Key, g.First().Name.TakenAt, [.. g.OrderBy(f => f.Name.Kind, StringComparer.Ordinal)]))
            .OrderByDescending(s => s.Stamp, StringComparer.Ordinal)
            .ToList();
    }
}
