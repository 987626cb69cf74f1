using System.Text;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// A tiny YAML writer: block mappings and sequences, every scalar double-quoted (JSON escaping is
/// valid YAML), so no value can be misread as a number, boolean or anchor. Output order is call order.
/// </summary>
internal sealed class YamlText
{
    private readonly StringBuilder text = new();
    private int indent;

    public YamlText Comment(string comment) => Line($"# {comment}");

    public YamlText Blank()
    {
        text.Append('\n');
        return this;
    }

    public YamlText Key(string key) => Line($"{key}:");

    public YamlText Value(string key, string value) => Line($"{key}: {Quote(value)}");

    public YamlText Item(string value) => Line($"- {Quote(value)}");

    public YamlText Raw(string line) => Line(line);

    public YamlText Map(string key, IEnumerable<KeyValuePair<string, string>> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return this;
        }

        Key(key);
        return Indented(() => list.ForEach(v => Value(v.Key, v.Value)));
    }

    public YamlText List(string key, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return this;
        }

        Key(key);
        return Indented(() => list.ForEach(v => Item(v)));
    }

    public YamlText Block(string key, Action body)
    {
        Key(key);
        return Indented(body);
    }

    public YamlText Indented(Action body)
    {
        indent++;
        body();
        indent--;
        return this;
    }

    public override string ToString() => text.ToString();

    public static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private YamlText Line(string line)
    {
        text.Append(' ', indent * 2).Append(line).Append('\n');
        return this;
    }
}
