using System.Text.Json;

namespace SignalHarvester.Worker.Discovery;

/// <summary>How artifact authors are stored in <c>artifacts.authors</c> (jsonb): camelCase objects, nulls omitted.</summary>
public static class AuthorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
