using System.Globalization;

namespace SignalHarvester.Web.Components.Shared;

/// <summary>An API query string from a page's filters: empty values are left out, so the API applies its defaults.</summary>
public static class Query
{
    public static string Of(params (string Name, object? Value)[] parameters)
    {
        var parts = parameters
            .Where(p => p.Value is not null && !(p.Value is string s && string.IsNullOrWhiteSpace(s)))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)}")
            .ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
