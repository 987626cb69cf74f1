using System.Globalization;
using System.Text;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// Writes the <c>csv</c> format (RFC 4180): UTF-8 without BOM, CRLF record ends, a header row of <see cref="Columns"/>.
/// A field is quoted when it holds a quote, comma, CR or LF; quotes inside are doubled. Null is an empty field,
/// tags are joined with <c>;</c>, <c>created_at</c> is ISO 8601 UTC with 7 fractional digits, numbers use the invariant culture.
/// JSON/NDJSON are the lossless formats (CSV cannot tell null from empty text, nor a tag holding <c>;</c>).
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

    private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(Stream output, IReadOnlyList<SignalExportRow> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, Utf8WithoutBom, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns).AsMemory(), ct);
        foreach (var row in rows)
        {
            await writer.WriteLineAsync(FormatRecord(row).AsMemory(), ct);
        }

        await writer.FlushAsync(ct);
    }

    private static string FormatRecord(SignalExportRow row)
    {
        string?[] fields =
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
        return string.Join(',', fields.Select(Escape));
    }

    private static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        return field.AsSpan().IndexOfAny("\",\r\n") >= 0
            ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : field;
    }
}
