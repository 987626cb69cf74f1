using System.Net;
using System.Text;

namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// Answers a source's HTTP requests from its embedded sample, in process, so the sample goes
/// through exactly the code path of the network (URLs, paging, headers, parsing).
/// </summary>
internal sealed class EmbeddedSampleHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    /// <summary>Base URL the sources use against the sample: the reserved .invalid domain never resolves, so nothing can leak to a network.</summary>
    public static readonly Uri BaseUri = new("http://embedded-sample.invalid");

    public static HttpClient CreateClient(Func<HttpRequestMessage, HttpResponseMessage> respond) => new(new EmbeddedSampleHandler(respond));

    public static HttpResponseMessage Content(HttpRequestMessage request, string body, string mediaType) => new(HttpStatusCode.OK)
    {
        RequestMessage = request,
        Content = new StringContent(body, Encoding.UTF8, mediaType),
    };

    public static HttpResponseMessage NotFound(HttpRequestMessage request) => new(HttpStatusCode.NotFound)
    {
        RequestMessage = request,
        Content = new StringContent("""{"message":"Not Found"}""", Encoding.UTF8, "application/json"),
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(respond(request));
    }
}
