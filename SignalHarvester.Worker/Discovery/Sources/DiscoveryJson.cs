using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>JSON settings shared by the sources: the wire formats and our raw JSON are snake_case.</summary>
internal static class DiscoveryJson
{
    public static readonly JsonSerializerOptions SnakeCase = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Raw JSON stays readable: names and titles keep their non-ASCII letters instead of \u escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        // Wire fields we cannot do without (full_name, tag_name, ...) are constructor parameters without defaults.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
