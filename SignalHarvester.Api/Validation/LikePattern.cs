namespace SignalHarvester.Api.Validation;

/// <summary>User text as an ILIKE "contains" pattern, its wildcards escaped (escape character <c>\</c>).</summary>
internal static class LikePattern
{
    public static string Contains(string text) =>
        $"%{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
}
