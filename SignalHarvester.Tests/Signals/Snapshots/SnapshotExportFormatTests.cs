using System.Text.Json;
using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Tests.Signals.Snapshots;

public sealed class SnapshotExportFormatTests : IDisposable
{
    private readonly SnapshotTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_format_is_written_under_the_stamped_name_and_parses_back_to_the_input_rows(bool gzip)
    {
        var rows = SampleSignalRows.Tricky();

        var export = await _directory.Exporter(o => o.Gzip = gzip).ExportAsync(rows, SampleSignalRows.TakenAt, CancellationToken.None);

        var suffix = gzip ? ".gz" : "";
        Assert.Equal(
            new[]
            {
                $"signals-20250314T150926535Z.csv{suffix}",
                "signals-20250314T150926535Z.diff.json",
                $"signals-20250314T150926535Z.json{suffix}",
                $"signals-20250314T150926535Z.ndjson{suffix}",
                "signals-20250314T150926535Z.sha256",
            },
            _directory.FileNames());
        Assert.Equal(["json", "ndjson", "csv"], export.Files.Select(f => f.Format));
        Assert.All(export.Files, f => Assert.Equal(new FileInfo(f.Path).Length, f.SizeBytes));

        var json = JsonDocument.Parse(SnapshotFileContent.ReadText(Path(export, "json"))).RootElement;
        Assert.Equal(SampleSignalRows.TakenAt, json.GetProperty("taken_at").GetDateTimeOffset());
        Assert.Equal(rows.Count, json.GetProperty("count").GetInt32());
        SampleSignalRows.AssertEqual(rows, SnapshotFileContent.ParseJsonSignals(json));

        SampleSignalRows.AssertEqual(rows, SnapshotFileContent.ParseNdjson(SnapshotFileContent.ReadText(Path(export, "ndjson"))));
        SampleSignalRows.AssertEqual(rows, SnapshotFileContent.ParseCsv(SnapshotFileContent.ReadText(Path(export, "csv"))));
    }

    [Fact]
    public async Task Csv_shows_text_a_spreadsheet_would_run_as_a_formula_as_text_and_json_keeps_it_as_posted()
    {
        string[] formulas = ["=HYPERLINK(\"https://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\tindented", "\rreturn"];
        var rows = formulas.Select((text, i) => SampleSignalRows.Row($"{2001 + i}", text, salience: 50, tags: ["x"]) with { AuthorUsername = "=cmd" }).ToList();

        var export = await _directory.Exporter(o => o.Gzip = false).ExportAsync(rows, SampleSignalRows.TakenAt, CancellationToken.None);

        var records = RfcCsvReader.Parse(File.ReadAllText(Path(export, "csv")));
        Assert.Equal(formulas.Select(f => "'" + f), records.Skip(1).Select(r => r[1]));
        Assert.All(records.Skip(1), r => Assert.Equal("'=cmd", r[2]));
        SampleSignalRows.AssertEqual(rows, SnapshotFileContent.ParseNdjson(File.ReadAllText(Path(export, "ndjson"))));
    }

    [Fact]
    public async Task Json_objects_use_snake_case_names_and_ndjson_holds_one_object_per_line()
    {
        var rows = SampleSignalRows.Tricky();

        var export = await _directory.Exporter(o => o.Gzip = false).ExportAsync(rows, SampleSignalRows.TakenAt, CancellationToken.None);

        var lines = File.ReadAllText(Path(export, "ndjson")).TrimEnd('\n').Split('\n');
        Assert.Equal(rows.Count, lines.Length);
        var names = JsonDocument.Parse(lines[0]).RootElement.EnumerateObject().Select(p => p.Name);
        Assert.Equal(
            ["id", "text", "author_username", "created_at", "category", "sentiment", "urgency", "tags",
             "salience", "like_count", "retweet_count", "reply_count", "quote_count", "url"],
            names);
        var jsonSignals = JsonDocument.Parse(File.ReadAllText(Path(export, "json"))).RootElement.GetProperty("signals");
        // The JSON file's signals are the NDJSON objects, only indented.
        Assert.Equal(lines.Select(Compact), jsonSignals.EnumerateArray().Select(e => Compact(e.GetRawText())));
        // Accented and CJK text stays readable rather than \u-escaped.
        Assert.Contains("Ünïcödé — 日本語", File.ReadAllText(Path(export, "ndjson")));
    }

    [Fact]
    public async Task Only_the_configured_formats_are_written_and_temp_files_do_not_remain()
    {
        var export = await _directory.Exporter(o => o.Formats = ["CSV"]).ExportAsync(SampleSignalRows.Tricky(), SampleSignalRows.TakenAt, CancellationToken.None);

        Assert.Equal(["csv"], export.Files.Select(f => f.Format));
        Assert.Equal(
            ["signals-20250314T150926535Z.csv.gz", "signals-20250314T150926535Z.diff.json", "signals-20250314T150926535Z.sha256"],
            _directory.FileNames());
    }

    [Fact]
    public async Task An_empty_list_exports_an_empty_snapshot()
    {
        var export = await _directory.Exporter().ExportAsync([], SampleSignalRows.TakenAt, CancellationToken.None);

        Assert.Equal(0, JsonDocument.Parse(SnapshotFileContent.ReadText(Path(export, "json"))).RootElement.GetProperty("count").GetInt32());
        Assert.Equal("", SnapshotFileContent.ReadText(Path(export, "ndjson")));
        // .NET reads almost anything; gzip itself must accept the empty file too.
        using var process = System.Diagnostics.Process.Start(ExecutablePath.Require("gzip"), ["-t", Path(export, "ndjson")]);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Empty(SnapshotFileContent.ParseCsv(SnapshotFileContent.ReadText(Path(export, "csv"))));
    }

    [Fact]
    public async Task Duplicate_ids_are_rejected_before_anything_is_written()
    {
        var rows = SampleSignalRows.Tricky();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            _directory.Exporter().ExportAsync([.. rows, rows[0]], SampleSignalRows.TakenAt, CancellationToken.None));
        Assert.Empty(_directory.FileNames());
    }

    private static string Path(SnapshotExport export, string format) => export.Files.Single(f => f.Format == format).Path;

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
