using System.Text;

namespace SignalHarvester.Tests.Signals.Snapshots;

/// <summary>An independent RFC 4180 parser for checking the exporter's CSV: quoted fields may hold quotes, commas and line breaks.</summary>
public static class RfcCsvReader
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else if (c is '"' or '\r' or '\n')
            {
                throw new FormatException($"bare {(int)c} outside quotes at {i}");
            }
            else
            {
                field.Append(c);
                i++;
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            throw new FormatException("last record lacks CRLF");
        }

        return records;
    }
}
