using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Tests.Signals.Snapshots;

public sealed class SnapshotRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] SetKinds = ["json.gz", "ndjson.gz", "csv.gz", "diff.json", "sha256"];
    private readonly SnapshotTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Sets_older_than_max_age_are_deleted_whole()
    {
        var tooOld = WriteSet(Now.AddDays(-40), 100);
        var justTooOld = WriteSet(Now.AddDays(-30).AddMilliseconds(-1), 100);
        var young = WriteSet(Now.AddDays(-29), 100);
        var newest = WriteSet(Now.AddHours(-1), 100);

        var result = _directory.Retention(o => o.MaxAgeDays = 30).Apply(Now);

        Assert.Equal([tooOld, justTooOld], result.DeletedStamps);
        Assert.Equal(2 * SetKinds.Length * 100, result.BytesFreed);
        Assert.Equal([young, newest], RemainingStamps());
        Assert.All(RemainingStamps(), stamp => Assert.Equal(SetKinds.Length, _directory.FileNames().Count(f => f.Contains(stamp))));
    }

    [Fact]
    public void Only_the_newest_keep_latest_sets_are_kept()
    {
        var stamps = Enumerable.Range(1, 5).Select(i => WriteSet(Now.AddHours(-i), 10)).ToList(); // newest first

        var result = _directory.Retention(o => o.KeepLatest = 2).Apply(Now);

        Assert.Equal([stamps[4], stamps[3], stamps[2]], result.DeletedStamps);
        Assert.Equal([stamps[1], stamps[0]], RemainingStamps());
    }

    [Fact]
    public void Oldest_sets_are_deleted_until_the_snapshot_files_fit_the_size_quota()
    {
        // Five sets of 100 KiB each against a 256 KiB quota: two fit.
        var stamps = Enumerable.Range(1, 5).Select(i => WriteSet(Now.AddHours(-i), 20 * 1024)).ToList();

        var result = _directory.Retention(o => o.MaxTotalMegabytes = 0.25).Apply(Now);

        Assert.Equal([stamps[4], stamps[3], stamps[2]], result.DeletedStamps);
        Assert.Equal(3 * 100 * 1024, result.BytesFreed);
        Assert.Equal([stamps[1], stamps[0]], RemainingStamps());
        Assert.True(Directory.EnumerateFiles(_directory.Path).Sum(f => new FileInfo(f).Length) <= 256 * 1024);
    }

    [Fact]
    public void The_rules_apply_in_order_age_then_count_then_size()
    {
        var old = WriteSet(Now.AddDays(-60), 10);
        var stamps = Enumerable.Range(1, 4).Select(i => WriteSet(Now.AddHours(-i), 10 * 1024)).ToList();

        // Age removes the 60-day set, KeepLatest 3 the oldest recent one, and the 100 KiB quota one more (3 x 50 KiB left).
        var result = _directory.Retention(o => { o.MaxAgeDays = 30; o.KeepLatest = 3; o.MaxTotalMegabytes = 100.0 / 1024; }).Apply(Now);

        Assert.Equal([old, stamps[3], stamps[2]], result.DeletedStamps);
        Assert.Equal([stamps[1], stamps[0]], RemainingStamps());
    }

    [Fact]
    public void The_newest_set_is_never_deleted_even_when_every_rule_condemns_it()
    {
        WriteSet(Now.AddDays(-90), 1024);
        var newest = WriteSet(Now.AddDays(-80), 1024);

        var result = _directory.Retention(o => { o.MaxAgeDays = 1; o.KeepLatest = 1; o.MaxTotalMegabytes = 1.0 / 1024 / 1024; }).Apply(Now);

        Assert.Single(result.DeletedStamps);
        Assert.Equal([newest], RemainingStamps());
    }

    [Fact]
    public void Files_outside_the_naming_pattern_are_neither_deleted_nor_counted()
    {
        string[] foreign =
        [
            "notes.txt", "signals-latest.json", "signals-20200101T000000000Z.parquet", "signals-20200101T000000000Z.json.bak",
            ".signals-20200101T000000000Z.json.gz.0123.tmp", "signals-2020010T000000000Z.json", "Signals-20200101T000000000Z.json",
        ];
        foreach (var name in foreign)
        {
            File.WriteAllBytes(_directory.File(name), new byte[200 * 1024]);
            File.SetLastWriteTimeUtc(_directory.File(name), Now.AddYears(-5).UtcDateTime);
        }

        var old = WriteSet(Now.AddDays(-31), 10);
        var kept = WriteSet(Now.AddDays(-1), 10);

        // The foreign files alone are far over the 0.1 MiB quota; only the 50-byte sets count.
        var result = _directory.Retention(o => { o.MaxAgeDays = 30; o.MaxTotalMegabytes = 0.1; }).Apply(Now);

        Assert.Equal([old], result.DeletedStamps);
        Assert.Equal([kept], RemainingStamps());
        Assert.All(foreign, name => Assert.True(File.Exists(_directory.File(name)), name));
    }

    [Fact]
    public void A_missing_directory_or_a_single_set_is_left_alone()
    {
        using var missing = new SnapshotTestDirectory();
        Directory.Delete(missing.Path);
        Assert.Equal(RetentionResult.Nothing, missing.Retention().Apply(Now));

        WriteSet(Now.AddYears(-1), 10);
        var result = _directory.Retention().Apply(Now);
        Assert.Empty(result.DeletedStamps);
        Assert.Equal(0, result.BytesFreed);
        Assert.Single(RemainingStamps());
    }

    [Fact]
    public async Task Exported_snapshots_are_pruned_as_whole_sets()
    {
        var exporter = _directory.Exporter();
        await exporter.ExportAsync(SampleSignalRows.Tricky(), Now.AddDays(-45), CancellationToken.None);
        var recent = await exporter.ExportAsync(SampleSignalRows.Tricky(), Now.AddDays(-2), CancellationToken.None);

        var result = _directory.Retention().Apply(Now);

        Assert.Equal(["20250417T120000000Z"], result.DeletedStamps);
        Assert.Equal([recent.Stamp], RemainingStamps());
        Assert.Equal(5, _directory.FileNames().Count);
    }

    /// <summary>Writes one set of <see cref="SetKinds"/> files, each <paramref name="bytesPerFile"/> long; returns its stamp.</summary>
    private string WriteSet(DateTimeOffset takenAt, int bytesPerFile)
    {
        var stamp = SnapshotNaming.Stamp(takenAt);
        foreach (var kind in SetKinds)
        {
            File.WriteAllBytes(_directory.File($"signals-{stamp}.{kind}"), new byte[bytesPerFile]);
        }

        return stamp;
    }

    private List<string> RemainingStamps() =>
        [.. _directory.FileNames()
            .Select(name => SnapshotNaming.TryParse(name, out var parsed) ? parsed.Stamp : null)
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal)];
}
