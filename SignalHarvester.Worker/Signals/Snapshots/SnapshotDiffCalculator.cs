namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>Compares the rows of a new snapshot with the previous snapshot's signals by id.</summary>
internal static class SnapshotDiffCalculator
{
    public static SnapshotDiff Compare(IReadOnlyList<SignalExportRow> current, PreviousSnapshot? previous)
    {
        if (previous is null)
        {
            return new SnapshotDiff([.. current.Select(r => r.Id)], [], [], null);
        }

        // A damaged earlier file may repeat an id; the last occurrence wins, as a later line would overwrite in a store.
        var before = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var signal in previous.Signals)
        {
            before[signal.Id] = signal.Salience;
        }

        var added = new List<string>();
        var changed = new List<SalienceChange>();
        foreach (var row in current)
        {
            if (!before.TryGetValue(row.Id, out var oldSalience))
            {
                added.Add(row.Id);
            }
            else if (oldSalience != row.Salience)
            {
                changed.Add(new SalienceChange(row.Id, oldSalience, row.Salience));
            }
        }

        var now = current.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var removed = previous.Signals.Select(s => s.Id).Distinct(StringComparer.Ordinal).Where(id => !now.Contains(id)).ToList();
        return new SnapshotDiff(added, removed, changed, previous.Stamp);
    }
}
