using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Llm;

public static partial class EmbeddingServiceExtensions
{
    /// <summary>
    /// Registers <see cref="IEmbeddingGenerator{String, Embedding}"/> from <c>Discovery:Embeddings</c>:
    /// the local <see cref="HashedNgramEmbeddingGenerator"/> by default, or an OpenAI-compatible
    /// embeddings endpoint. Without an API key (its own, or else <c>Llm:ApiKey</c>) the local
    /// generator is used and a warning logged. An unknown provider fails at startup.
    /// </summary>
    public static IHostApplicationBuilder AddDiscoveryEmbeddings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddingOptions>()
            .Bind(builder.Configuration.GetSection(EmbeddingOptions.SectionName))
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    options.ApiKey = configuration[$"{LlmOptions.SectionName}:{nameof(LlmOptions.ApiKey)}"];
                }
            })
            .Validate(options => EmbeddingOptions.Providers.Contains(EmbeddingOptions.NormalizeProvider(options.Provider)),
                $"Discovery:Embeddings:Provider must be one of: {string.Join(", ", EmbeddingOptions.Providers)}.")
            .Validate(options => options.Dimensions is null or > 0, "Discovery:Embeddings:Dimensions must be positive.")
            .Validate(options => options.TimeoutSeconds > 0, "Discovery:Embeddings:TimeoutSeconds must be positive.")
            .Validate(options => string.IsNullOrWhiteSpace(options.BaseUrl) || Uri.TryCreate(options.BaseUrl.Trim(), UriKind.Absolute, out _),
                "Discovery:Embeddings:BaseUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(CreateGenerator);
        return builder;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<HashedNgramEmbeddingGenerator>();
        var provider = EmbeddingOptions.NormalizeProvider(options.Provider);
        var localDimensions = options.Dimensions ?? HashedNgramEmbeddingGenerator.DefaultDimensions;

        if (provider == EmbeddingOptions.LocalProvider)
        {
            LogUsingLocal(logger, localDimensions);
            return new HashedNgramEmbeddingGenerator(localDimensions);
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            LogNoKey(logger, provider, localDimensions);
            return new HashedNgramEmbeddingGenerator(localDimensions);
        }

        var clientOptions = new OpenAIClientOptions { NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
        if (!string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            clientOptions.Endpoint = new Uri(options.BaseUrl.Trim());
        }

        var model = options.ResolveModel();
        var builder = new OpenAIClient(new ApiKeyCredential(options.ApiKey.Trim()), clientOptions)
            .GetEmbeddingClient(model)
            .AsIEmbeddingGenerator(options.Dimensions)
            .AsBuilder();
        if (options.Dimensions is { } dimensions)
        {
            builder.ConfigureOptions(generationOptions => generationOptions.Dimensions ??= dimensions);
        }

        LogUsingModel(logger, model, string.IsNullOrWhiteSpace(options.BaseUrl) ? "its default endpoint" : options.BaseUrl);
        return builder
            .UseOpenTelemetry(NullLoggerFactory.Instance, LlmServiceExtensions.TelemetrySourceName)
            .Build(services);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Artifacts are embedded locally by hashed n-grams into {Dimensions} dimensions")]
    private static partial void LogUsingLocal(ILogger logger, int dimensions);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Discovery:Embeddings:Provider is '{Provider}' but no API key is set (Discovery:Embeddings:ApiKey or Llm:ApiKey); embedding locally into {Dimensions} dimensions")]
    private static partial void LogNoKey(ILogger logger, string provider, int dimensions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Artifacts are embedded by model {Model} at {Endpoint}")]
    private static partial void LogUsingModel(ILogger logger, string model, string endpoint);
}
