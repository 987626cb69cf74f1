using SignalHarvester.Web.Auth;

namespace SignalHarvester.Web.Api;

/// <summary>
/// Sends the signed-in person's API key (from their encrypted cookie) with every API call made on
/// their behalf; an explicit key on the request (the sign-in check) wins.
/// </summary>
public sealed class ApiKeyHandler(IHttpContextAccessor httpContextAccessor) : DelegatingHandler
{
    public const string Header = "X-API-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Contains(Header) && ApiKeyPrincipal.KeyOf(httpContextAccessor.HttpContext?.User) is { } key)
        {
            request.Headers.Add(Header, key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
