using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SignalHarvester.Tests.Api.BadInput;

/// <summary>
/// Bad requests for every operation of an OpenAPI document: odd headers; each parameter in turn set to each bad
/// value (NUL, overflow, negative, NaN, wrong types, an unknown enum value, empty, very long, injection and traversal
/// strings, odd Unicode) and, where the operation takes a body, bad bodies for each media type it accepts (malformed,
/// wrong types, deeply nested, invalid UTF-8, oversized). Each bad input goes out without a key, with a wrong key and with
/// the good key, the <c>Accept</c> header rotating; besides, every operation gets every <c>Accept</c> × key
/// pair once. Path parameters not under test name nothing that exists, and a mutation with the good key always
/// carries a bad input, so nothing valid is ever asked of the API.
/// </summary>
internal static class BadRequestMatrix
{
    public static readonly string?[] Accepts = ["*/*", "application/json", "text/csv", "application/xml", "text/event-stream", null];

    public const string Nul = "a\0b";
    private const string NonexistentId = "999999999";
    private const string WrongKey = "wrong-key-0123456789abcdef0123456789";

    public static IReadOnlyList<BadRequest> Build(JsonElement document, string goodKey)
    {
        string?[] keys = [null, WrongKey, goodKey];
        var requests = new List<BadRequest>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                var inputs = Inputs(document, parameters, operation.Value).ToList();
                BadRequest? Make(BadInput? input, string? key, string? accept) =>
                    (input is null || input.Header is not null) && key == goodKey && method != HttpMethod.Get
                        ? null // a mutation with nothing wrong in it (an odd header is not wrong enough) would be carried out
                        : Request($"{operation.Name.ToUpperInvariant()} {path.Name}", method, path.Name, parameters, input, key, accept);

                for (var i = 0; i < inputs.Count; i++)
                {
                    for (var k = 0; k < keys.Length; k++)
                    {
                        requests.AddIfNotNull(Make(inputs[i], keys[k], Accepts[(i + k) % Accepts.Length]));
                    }
                }

                for (var a = 0; a < Accepts.Length; a++)
                {
                    for (var k = 0; k < keys.Length; k++)
                    {
                        requests.AddIfNotNull(Make(inputs.Count == 0 ? null : inputs[(a * keys.Length + k) % inputs.Count], keys[k], Accepts[a]));
                    }
                }
            }
        }

        return requests;
    }

    private static IEnumerable<BadInput> Inputs(JsonElement document, List<JsonElement> parameters, JsonElement operation)
    {
        foreach (var (name, value) in OddHeaders)
        {
            yield return new BadInput($"header {name}={Describe(value)}", null, null, null, null, false, (name, value));
        }

        foreach (var parameter in parameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var location = parameter.GetProperty("in").GetString()!;
            foreach (var value in BadValues(parameter.TryGetProperty("schema", out var schema) ? schema : default))
            {
                // HttpClient sends only ASCII in a header, never a NUL (nor would Kestrel take one: docs/api.md).
                if (location != "header" || (value != Nul && Ascii.IsValid(value)))
                {
                    yield return new BadInput($"{location} {name}={Describe(value)}", name, value, null, null, value == Nul);
                }
            }
        }

        if (!operation.TryGetProperty("requestBody", out var body))
        {
            yield break;
        }

        foreach (var content in body.GetProperty("content").EnumerateObject())
        {
            var bodies = content.Name == "text/csv" ? CsvBodies() : JsonBodies(document, content.Value.GetProperty("schema"));
            foreach (var (description, bytes, nul) in bodies)
            {
                yield return new BadInput($"{content.Name} body: {description}", null, null, content.Name, bytes, nul);
            }

            // Another media type than the one documented, and more than the body limit (1 MiB) of it.
            yield return new BadInput("text/plain body", null, null, content.Name == "text/plain" ? "application/json" : "text/plain", "hello"u8.ToArray(), false);
            yield return new BadInput($"{content.Name} body over 1 MiB", null, null, content.Name, Encoding.UTF8.GetBytes(new string(' ', 1_100_000)), false);
        }
    }

    /// <summary>Headers a client may send that the API never asked for, or in a shape it does not expect.</summary>
    private static readonly (string Name, string Value)[] OddHeaders =
    [
        ("X-API-Key", new string('k', 10_000)),
        ("X-API-Key", "\"quoted\" key with spaces"),
        ("X-Forwarded-For", "not-an-address, 999.999.999.999"),
        ("Content-Type", "application/json; charset=utf-16"),
        ("Range", "bytes=999999999-"),
        ("If-None-Match", "*"),
        ("Authorization", "Bearer not-a-token"),
        ("Cookie", "session=" + new string('c', 4000)),
        ("Origin", "null"),
        ("Accept-Encoding", "gzip;q=NaN, br;q=-1"),
    ];

    private static IEnumerable<string> BadValues(JsonElement schema)
    {
        var types = schema.ValueKind == JsonValueKind.Object ? Types(schema) : [];
        yield return Nul;
        yield return types.Contains("integer") ? "9223372036854775808" : types.Contains("number") ? "1e309" : "99999999999999999999999";
        yield return "NaN";
        yield return "no-such-value";
        yield return "";
        yield return new string('x', 3000); // long, yet under Kestrel's 8 KiB request line
        yield return "-1";
        yield return "-9223372036854775809";
        yield return "1.5";
        yield return "0x1F";
        yield return "true";
        yield return "[1,2]";
        yield return " ";
        // Injection and traversal strings: stored or searched for as text, never interpreted.
        yield return "' OR '1'='1' --";
        yield return "1; DROP TABLE tweets; --";
        yield return "<script>alert(1)</script>";
        yield return "../../../../etc/passwd";
        yield return "${jndi:ldap://example.invalid/a}";
        yield return "%00%ff";
        yield return @"\u0000"; // the escape as text, not the character
        yield return "\u202e\u200b\U0001F642"; // right-to-left override, zero-width space, an emoji
        yield return "1e3";
        yield return "-0";
        yield return "00000000001";
        yield return "%";
        yield return "null";
        yield return "undefined";
        yield return "*";
        yield return "\t";
    }

    private static IEnumerable<(string, byte[], bool Nul)> JsonBodies(JsonElement document, JsonElement schema)
    {
        var properties = Properties(document, schema).ToList();
        var nul = Fill(document, schema, Nul)!.ToJsonString(); // NUL escaped as \u0000
        yield return ("empty", [], false);
        yield return ("truncated", "{"u8.ToArray(), false);
        yield return ("an array", "[]"u8.ToArray(), false);
        yield return ("null", "null"u8.ToArray(), false);
        yield return ("{}", "{}"u8.ToArray(), false);
        yield return ("NUL in every string", Encoding.UTF8.GetBytes(nul), true);
        yield return ("a lone surrogate in every string", Encoding.UTF8.GetBytes(nul.Replace(@"\u0000", @"\ud800", StringComparison.Ordinal)), false);
        yield return ("very long strings", Encoding.UTF8.GetBytes(Fill(document, schema, new string('x', 100_000))!.ToJsonString()), false);
        yield return ("1e999 everywhere", Encoding.UTF8.GetBytes("{" + string.Join(",", properties.Select(p => $"\"{p}\":1e999")) + "}"), false);
        yield return ("NaN everywhere", Encoding.UTF8.GetBytes("{" + string.Join(",", properties.Select(p => $"\"{p}\":\"NaN\"")) + "}"), false);
        yield return ("an object everywhere", Encoding.UTF8.GetBytes("{" + string.Join(",", properties.Select(p => $"\"{p}\":{{\"a\":1}}")) + "}"), false);
        yield return ("true everywhere", Encoding.UTF8.GetBytes("{" + string.Join(",", properties.Select(p => $"\"{p}\":true")) + "}"), false);
        yield return ("-1 everywhere", Encoding.UTF8.GetBytes("{" + string.Join(",", properties.Select(p => $"\"{p}\":-1")) + "}"), false);
        yield return ("nested 10,000 deep", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)), false);
        yield return ("invalid UTF-8", [.. "{\"a\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8], false);
        yield return ("a byte-order mark then truncated", [0xEF, 0xBB, 0xBF, .. "{\"a\":"u8], false);
        yield return ("duplicate properties", Encoding.UTF8.GetBytes("{" + string.Join(",", properties.SelectMany(p => new[] { $"\"{p}\":1", $"\"{p}\":\"x\"" })) + "}"), false);
    }

    private static IEnumerable<(string, byte[], bool Nul)> CsvBodies()
    {
        yield return ("empty", [], false);
        yield return ("NUL in fields", Encoding.UTF8.GetBytes($"artifact_id,label,annotator,notes\n{NonexistentId},relevant,{Nul},{Nul}\n"), true);
        yield return ("an open quote", Encoding.UTF8.GetBytes($"artifact_id,label\n\"{NonexistentId},relevant\n"), false);
        yield return ("an unknown column", "artifact_id,label,colour\n1,relevant,red\n"u8.ToArray(), false);
        yield return ("an overflowing id", "artifact_id,label\n99999999999999999999999,relevant\n"u8.ToArray(), false);
        yield return ("invalid UTF-8 (an encoded surrogate)", [.. "artifact_id,label,notes\n1,relevant,"u8, 0xED, 0xA0, 0x80, 0xFF, (byte)'\n'], false);
    }

    /// <summary>An instance of the schema with every string (and every list's one string) <paramref name="text"/>, every number 1.</summary>
    private static JsonNode? Fill(JsonElement document, JsonElement schema, string text, int depth = 0)
    {
        schema = Resolve(document, schema);
        var types = Types(schema);
        if (depth < 4 && schema.TryGetProperty("properties", out var properties))
        {
            var node = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                node[property.Name] = Fill(document, property.Value, text, depth + 1);
            }

            return node;
        }

        if (types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            return new JsonArray(Fill(document, items, text, depth + 1));
        }

        return types.Contains("string") ? JsonValue.Create(text) : JsonValue.Create(1);
    }

    private static IEnumerable<string> Properties(JsonElement document, JsonElement schema) =>
        Resolve(document, schema).TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name) : [];

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = reference.GetString()!.TrimStart('#', '/').Split('/')
                .Aggregate(document, (node, segment) => node.GetProperty(segment));
        }

        return schema;
    }

    private static List<string?> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList()
        : [type.GetString()];

    private static BadRequest Request(string operation, HttpMethod method, string template, List<JsonElement> parameters, BadInput? input, string? key, string? accept)
    {
        var path = template;
        var query = new List<string>();
        (string Name, string Value)? header = null;
        foreach (var parameter in parameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var location = parameter.GetProperty("in").GetString();
            var value = input?.Parameter == name ? input.Value! : location == "path" ? NonexistentId : null;
            switch (location)
            {
                case "path":
                    path = path.Replace($"{{{name}}}", Uri.EscapeDataString(value!), StringComparison.Ordinal);
                    break;
                case "query" when value is not null:
                    query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
                    break;
                case "header" when value is not null:
                    header = (name, value);
                    break;
            }
        }

        header = input?.Header ?? header;
        var url = query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
        var nulInPath = input?.CarriesNul == true && parameters.Any(p => p.GetProperty("name").GetString() == input.Parameter && p.GetProperty("in").GetString() == "path");
        return new BadRequest(operation, method, url, header, input?.ContentType, input?.Body, key, accept,
            input?.Description ?? "nothing wrong but the key", input?.CarriesNul == true, nulInPath);
    }

    private static string Describe(string value) =>
        value.Length > 40 ? $"<{value.Length} × '{value[0]}'>" : JsonSerializer.Serialize(value);

    private static void AddIfNotNull(this List<BadRequest> requests, BadRequest? request)
    {
        if (request is not null)
        {
            requests.Add(request);
        }
    }
}

/// <summary>What is wrong with one request: a parameter's value, or the body (with its media type); whether that is a NUL.</summary>
internal sealed record BadInput(
    string Description, string? Parameter, string? Value, string? ContentType, byte[]? Body, bool CarriesNul, (string Name, string Value)? Header = null);
