using System.IO.Compression;
using System.Text.Json;
using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Tests.Signals.Snapshots;

public sealed class SnapshotDiffTests : IDisposable
{
    private static readonly DateTimeOffset First = SampleSignalRows.TakenAt;
    private static readonly DateTimeOffset Second = First.AddMinutes(5);
    private readonly SnapshotTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_first_snapshot_has_every_id_added_and_no_previous_stamp()
    {
        var export = await _directory.Exporter().ExportAsync(Rows(("a", 10), ("b", 20), ("c", 30)), First, CancellationToken.None);

        Assert.Equal(["a", "b", "c"], export.Diff.Added);
        Assert.Empty(export.Diff.Removed);
        Assert.Empty(export.Diff.Changed);
        Assert.Null(export.Diff.PreviousStamp);
    }

    [Theory]
    [InlineData(true, new[] { "json", "ndjson", "csv" })]
    [InlineData(false, new[] { "json", "ndjson", "csv" })]
    [InlineData(true, new[] { "json" })] // No NDJSON: the previous JSON file is read instead.
    public async Task A_second_snapshot_reports_exactly_the_added_removed_and_salience_changed_ids(bool gzip, string[] formats)
    {
        var exporter = _directory.Exporter(o => { o.Gzip = gzip; o.Formats = [.. formats]; });
        await exporter.ExportAsync(Rows(("a", 10), ("b", 20), ("c", 30), ("n", null)), First, CancellationToken.None);

        var export = await exporter.ExportAsync(Rows(("a", 10), ("b", 25.5), ("n", null), ("d", 40)), Second, CancellationToken.None);

        Assert.Equal(["d"], export.Diff.Added);
        Assert.Equal(["c"], export.Diff.Removed);
        Assert.Equal([new SalienceChange("b", 20, 25.5)], export.Diff.Changed);
        Assert.Equal("20250314T150926535Z", export.Diff.PreviousStamp);

        var file = JsonDocument.Parse(File.ReadAllText(_directory.File("signals-20250314T151426535Z.diff.json"))).RootElement;
        Assert.Equal(Second, file.GetProperty("taken_at").GetDateTimeOffset());
        Assert.Equal("20250314T150926535Z", file.GetProperty("previous_stamp").GetString());
        Assert.Equal(["d"], file.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["c"], file.GetProperty("removed").EnumerateArray().Select(e => e.GetString()));
        var change = Assert.Single(file.GetProperty("changed").EnumerateArray());
        Assert.Equal("b", change.GetProperty("id").GetString());
        Assert.Equal(20, change.GetProperty("old").GetDouble());
        Assert.Equal(25.5, change.GetProperty("new").GetDouble());
    }

    [Fact]
    public async Task The_diff_is_against_the_newest_earlier_snapshot_never_a_later_one()
    {
        var exporter = _directory.Exporter();
        await exporter.ExportAsync(Rows(("old", 1)), First.AddHours(-1), CancellationToken.None);
        await exporter.ExportAsync(Rows(("earlier", 1)), First, CancellationToken.None);
        await exporter.ExportAsync(Rows(("later", 1)), First.AddHours(1), CancellationToken.None);

        var export = await exporter.ExportAsync(Rows(("now", 1)), Second, CancellationToken.None);

        Assert.Equal("20250314T150926535Z", export.Diff.PreviousStamp);
        Assert.Equal(["earlier"], export.Diff.Removed);
    }

    [Theory]
    [InlineData("{\"id\": \"b\", truncated\n")]
    [InlineData("{\"salience\": 1}\n")]
    public async Task A_damaged_previous_snapshot_is_skipped_for_the_one_before_it(string damagedNdjson)
    {
        var exporter = _directory.Exporter();
        await exporter.ExportAsync(Rows(("a", 1)), First.AddHours(-1), CancellationToken.None);
        await exporter.ExportAsync(Rows(("b", 1)), First, CancellationToken.None);
        await using (var damaged = new GZipStream(File.Create(_directory.File("signals-20250314T150926535Z.ndjson.gz")), CompressionLevel.Fastest))
        {
            await damaged.WriteAsync(System.Text.Encoding.UTF8.GetBytes(damagedNdjson));
        }

        var export = await exporter.ExportAsync(Rows(("a", 1)), Second, CancellationToken.None);

        Assert.Equal("20250314T140926535Z", export.Diff.PreviousStamp);
        Assert.Empty(export.Diff.Added);
    }

    private static IReadOnlyList<SignalExportRow> Rows(params (string Id, double? Salience)[] signals) =>
        [.. signals.Select(s => new SignalExportRow(s.Id, $"text {s.Id}", "author", First, "bug", "neutral", 1, [], s.Salience, 0, 0, 0, 0, $"https://x.com/i/{s.Id}"))];
}
