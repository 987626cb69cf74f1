namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// Reads a list setting so that configuring it replaces the default instead of extending it:
/// the configuration binder appends configured items to a list that already has defaults.
/// Accepts indexed children (<c>Topics:0</c>, <c>Topics__0</c>) or one comma-separated value.
/// </summary>
internal static class ConfiguredList
{
    public static List<string>? Read(IConfiguration section, string key)
    {
        var list = section.GetSection(key);
        if (!list.Exists())
        {
            return null;
        }

        var values = list.Value is { } scalar
            ? scalar.Split(',')
            : list.GetChildren()
                .OrderBy(child => int.TryParse(child.Key, out var index) ? index : int.MaxValue)
                .Select(child => child.Value ?? string.Empty);
        return values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
    }
}
