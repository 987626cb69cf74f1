using CsvHelper;
using SignalHarvester.Api.Validation;

namespace SignalHarvester.Api.Labels;

/// <summary>
/// The labels CSV (RFC 4180, UTF-8, comma-separated) with the header <c>artifact_id,label,annotator,notes</c>;
/// annotator and notes may be empty or their columns left out. Export writes exactly what import reads; a field that
/// starts with <c>= + - @</c>, tab or CR is written with a leading <c>'</c> (so a spreadsheet shows it as text) and read back without it.
/// </summary>
internal static class LabelCsv
{
    public const string ContentType = "text/csv";

    private const string ArtifactId = "artifact_id";
    private const string Label = "label";
    private const string Annotator = "annotator";
    private const string Notes = "notes";
    private static readonly string[] Columns = [ArtifactId, Label, Annotator, Notes];
    private const int MaxReportedErrors = 50;
    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    /// <summary>The rows read; every problem found goes to <paramref name="errors"/>, each under "line N: field".</summary>
    public static IReadOnlyList<LabelRow> Read(ReadOnlyMemory<byte> csv, ValidationErrors errors)
    {
        var rows = new List<LabelRow>();
        var firstLineOf = new Dictionary<long, long>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        using var reader = CsvReader.Create(csv, options);
        try
        {
            var header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            foreach (var unknown in header.Where(h => !Columns.Contains(h)))
            {
                errors.Add("line 1: header", $"line 1: unknown column '{unknown}'; the columns are {string.Join(", ", Columns)}.");
            }

            foreach (var repeated in header.GroupBy(h => h).Where(g => g.Count() > 1))
            {
                errors.Add("line 1: header", $"line 1: the column '{repeated.Key}' appears more than once.");
            }

            foreach (var required in new[] { ArtifactId, Label }.Where(c => !header.Contains(c)))
            {
                errors.Add("line 1: header", $"line 1: the column '{required}' is missing.");
            }

            if (errors.Any)
            {
                return [];
            }

            while (reader.Read() && errors.Count < MaxReportedErrors)
            {
                var line = reader.LineNumber;
                string? Field(string column) => header.IndexOf(column) is var i and >= 0 && !reader.IsEmpty(i) ? Unescaped(reader.GetString(i)) : null;

                var id = Field(ArtifactId);
                var label = Field(Label)?.Trim();
                var annotator = Field(Annotator)?.Trim();
                var notes = Field(Notes);
                if (!long.TryParse(id?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var artifactId) || artifactId <= 0)
                {
                    Report(errors, line, ArtifactId, "must be a positive artifact id");
                }

                Check(errors, line, Label, LabelRules.CheckLabel(label));
                Check(errors, line, Annotator, LabelRules.CheckAnnotator(annotator));
                Check(errors, line, Notes, LabelRules.CheckNotes(notes));
                if (artifactId > 0 && !firstLineOf.TryAdd(artifactId, line))
                {
                    Report(errors, line, ArtifactId, $"repeats artifact {artifactId} of line {firstLineOf[artifactId]} (one label per artifact)");
                }

                rows.Add(new LabelRow(artifactId, label ?? "", string.IsNullOrEmpty(annotator) ? null : annotator, string.IsNullOrEmpty(notes) ? null : notes, line));
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add($"line {e.LineNumber}: csv", $"line {e.LineNumber}: malformed CSV ({e.Message}).");
        }

        if (!errors.Any && rows.Count == 0)
        {
            errors.Add("body", "The CSV has no label rows after its header.");
        }

        return rows;
    }

    public static void Report(ValidationErrors errors, long line, string field, string message) =>
        errors.Add($"line {line}: {field}", $"line {line}: {field} {message}.");

    public static void Write(Stream destination, IEnumerable<LabelRow> rows)
    {
        // A notes field that a spreadsheet would run as a formula gets a leading "'" (CSV injection); import takes it off again.
        using var writer = CsvWriter.Create(destination, WriterOptions, leaveOpen: true);
        writer.WriteHeader(Columns);
        foreach (var row in rows)
        {
            writer.WriteRecord([row.ArtifactId.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Label, row.Annotator, row.Notes]);
        }

        writer.Flush();
    }

    // What export escaped: the escape character followed by a character that starts a formula.
    private static string Unescaped(string field) =>
        field.Length > 1 && field[0] == WriterOptions.InjectionEscape && WriterOptions.InjectionCharacters.Contains(field[1]) ? field[1..] : field;

    private static void Check(ValidationErrors errors, long line, string field, string? problem)
    {
        if (problem is not null)
        {
            Report(errors, line, field, problem);
        }
    }
}
