using System.Globalization;

namespace SignalHarvester.Web.Components.Shared;

/// <summary>Numbers and times as every page shows them (UTC, invariant).</summary>
public static class Format
{
    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public static string Number(double? value, string format = "0.0") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";

    public static string Short(string text, int length = 140) => text.Length <= length ? text : text[..length].TrimEnd() + "…";
}
