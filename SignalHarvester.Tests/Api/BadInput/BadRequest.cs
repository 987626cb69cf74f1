using System.Net.Http.Headers;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api.BadInput;

/// <summary>
/// One request of the bad-input matrix. <see cref="CarriesNul"/>: a NUL sits in a parameter or the body, which must
/// be refused with 400 whenever the key lets the request through; <see cref="NulInPath"/>: Kestrel refuses the
/// request (400, no body) before any middleware runs.
/// </summary>
internal sealed record BadRequest(
    string Operation,
    HttpMethod Method,
    string Url,
    (string Name, string Value)? Header,
    string? ContentType,
    byte[]? Body,
    string? ApiKey,
    string? Accept,
    string Input,
    bool CarriesNul,
    bool NulInPath)
{
    public HttpRequestMessage ToMessage()
    {
        var message = Request(Method, Url, ApiKey);
        if (Accept is not null)
        {
            message.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(Accept));
        }

        if (Header is { } header)
        {
            message.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType!);
            // As curl does for large bodies: a refusal (401, 413) comes before the body is sent, no broken pipe.
            message.Headers.ExpectContinue = Body.Length > 64 * 1024;
        }

        return message;
    }

    public override string ToString() =>
        $"{Operation} with {Input}, key {(ApiKey is null ? "none" : ApiKey.StartsWith("wrong", StringComparison.Ordinal) ? "wrong" : "good")}, Accept {Accept ?? "none"} ({Method} {(Url.Length > 120 ? Url[..120] + "…" : Url)})";
}
