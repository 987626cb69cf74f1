using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using SignalHarvester.Api.Errors;

namespace SignalHarvester.Api.Hardening;

/// <summary>Request body limit, refused requests as ProblemDetails, CORS and response compression.</summary>
internal static class HttpHardeningExtensions
{
    private const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static IHostApplicationBuilder AddHttpHardening(this IHostApplicationBuilder builder)
    {
        // Api:MaxRequestBodyBytes (default 1 MiB); larger bodies are refused with 413.
        var maxBody = builder.Configuration.GetValue("Api:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);

        // Binding failures throw in every environment, so BadRequestExceptionHandler names the parameter.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();

        // Api:Cors:Origins: the browser origins allowed to call the API (none by default).
        var origins = builder.Configuration.GetSection("Api:Cors:Origins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .AllowAnyHeader()
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithExposedHeaders("Location", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")));

        builder.Services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true; // only our own JSON, no secrets reflected next to attacker input
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }
}
