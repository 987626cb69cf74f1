using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Tests.Signals.Snapshots;

/// <summary>Reads exported files back, independently of the exporter's own reader.</summary>
public static class SnapshotFileContent
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string ReadText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            Assert.True(bytes is [0x1f, 0x8b, ..], $"{path} is not gzip");
            using var gunzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gunzip.CopyTo(plain);
            bytes = plain.ToArray();
        }

        Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], $"{path} starts with a BOM");
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
    }

    public static List<SignalExportRow> ParseNdjson(string text)
    {
        Assert.EndsWith("\n", text);
        return [.. text.TrimEnd('\n').Split('\n').Select(line => JsonSerializer.Deserialize<SignalExportRow>(line, SnakeCase)!)];
    }

    public static List<SignalExportRow> ParseJsonSignals(JsonElement document) =>
        [.. document.GetProperty("signals").EnumerateArray().Select(e => e.Deserialize<SignalExportRow>(SnakeCase)!)];

    public static List<SignalExportRow> ParseCsv(string text)
    {
        var records = RfcCsvReader.Parse(text);
        Assert.Equal(
            ["id", "text", "author_username", "created_at", "category", "sentiment", "urgency", "tags",
             "salience", "like_count", "retweet_count", "reply_count", "quote_count", "url"],
            records[0]);
        return [.. records.Skip(1).Select(r =>
        {
            Assert.Equal(14, r.Count);
            return new SignalExportRow(
                r[0], r[1], NullIfEmpty(r[2]),
                DateTimeOffset.Parse(r[3], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                NullIfEmpty(r[4]), NullIfEmpty(r[5]),
                r[6] == "" ? null : int.Parse(r[6], CultureInfo.InvariantCulture),
                r[7] == "" ? [] : r[7].Split(';'),
                r[8] == "" ? null : double.Parse(r[8], CultureInfo.InvariantCulture),
                int.Parse(r[9], CultureInfo.InvariantCulture), int.Parse(r[10], CultureInfo.InvariantCulture),
                int.Parse(r[11], CultureInfo.InvariantCulture), int.Parse(r[12], CultureInfo.InvariantCulture), r[13]);
        })];
    }

    private static string? NullIfEmpty(string value) => value == "" ? null : value;
}
