using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace SignalHarvester.Api.Caching;

/// <summary>
/// The output cache's default policy without its refusal of authenticated requests: a response that is
/// the same for every caller (discoveries, trending topics, signals) is looked up and stored whether or not the
/// request presents an API key. The default policy would send every keyed client to the database.
/// Otherwise as the default: GET and HEAD only, varied by the whole query string, not a request
/// carrying an <c>Authorization</c> header, and only 200 responses that set no cookie are stored.
/// </summary>
internal sealed class SharedResponsePolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var request = context.HttpContext.Request;
        var attempt = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                      && StringValues.IsNullOrEmpty(request.Headers.Authorization);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (!StringValues.IsNullOrEmpty(response.Headers.SetCookie) || response.StatusCode != StatusCodes.Status200OK)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
