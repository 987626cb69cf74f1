using System.Globalization;
using CsvHelper;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// Writes the <c>csv</c> format (RFC 4180): UTF-8 without BOM, CRLF record ends, a header row of <see cref="Columns"/>.
/// A field is quoted when it holds a quote, comma, CR or LF; quotes inside are doubled. Null is an empty field,
/// tags are joined with <c>;</c>, <c>created_at</c> is ISO 8601 UTC with 7 fractional digits, numbers use the invariant culture.
/// A text field that starts with <c>= + - @</c>, tab or CR gets a leading <c>'</c>, so a spreadsheet shows the
/// stranger's text instead of running it as a formula (CSV injection). JSON/NDJSON are the lossless formats
/// (CSV cannot tell null from empty text, nor a tag holding <c>;</c>, and keeps that quote).
/// </summary>
public static class SignalCsvWriter
{
    /// <summary>The stable column order: the order of <see cref="SignalExportRow"/>. New columns are only ever appended.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "text", "author_username", "created_at", "category", "sentiment", "urgency", "tags",
        "salience", "like_count", "retweet_count", "reply_count", "quote_count", "url",
    ];

    public const char TagSeparator = ';';

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static async Task WriteAsync(Stream output, IReadOnlyList<SignalExportRow> rows, CancellationToken ct)
    {
        using (var writer = CsvWriter.Create(output, Options, leaveOpen: true))
        {
            writer.WriteHeader([.. Columns]);
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                writer.WriteRecord(Fields(row));
            }

            writer.Flush();
        }

        await output.FlushAsync(ct);
    }

    private static string?[] Fields(SignalExportRow row) =>
    [
        row.Id,
        row.Text,
        row.AuthorUsername,
        row.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        row.Category,
        row.Sentiment,
        row.Urgency?.ToString(CultureInfo.InvariantCulture),
        string.Join(TagSeparator, row.Tags),
        // Shortest round-trippable form, so parsing the CSV gives back the same double.
        row.Salience?.ToString("R", CultureInfo.InvariantCulture),
        row.LikeCount.ToString(CultureInfo.InvariantCulture),
        row.RetweetCount.ToString(CultureInfo.InvariantCulture),
        row.ReplyCount.ToString(CultureInfo.InvariantCulture),
        row.QuoteCount.ToString(CultureInfo.InvariantCulture),
        row.Url,
    ];
}
