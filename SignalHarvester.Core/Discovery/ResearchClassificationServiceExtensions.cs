using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SignalHarvester.Core.Signals;

namespace SignalHarvester.Core.Discovery;

public static partial class ResearchClassificationServiceExtensions
{
    /// <summary>
    /// Registers <see cref="IResearchClassifier"/> from the same <c>Llm</c> section as the signal
    /// classifier: the keyword heuristic when the provider is "heuristic" or the LLM cannot be used
    /// (no key, no base URL for "openai-compatible"; then flagged as a fallback), otherwise
    /// <see cref="LlmResearchClassifier"/> over the provider's SDK (through
    /// <see cref="LlmChatClientFactory"/>). An unknown provider fails at startup.
    /// </summary>
    public static IHostApplicationBuilder AddResearchClassification(this IHostApplicationBuilder builder)
    {
        // The Llm options may already be bound by AddSignalClassification; binding them twice would be
        // harmless but would repeat every validation message.
        if (!builder.Services.Any(descriptor => descriptor.ServiceType == typeof(IConfigureOptions<LlmOptions>)))
        {
            builder.Services.AddOptions<LlmOptions>()
                .Bind(builder.Configuration.GetSection(LlmOptions.SectionName))
                .Validate(options => LlmProviders.IsKnown(options.Provider),
                    $"Llm:Provider must be one of: {string.Join(", ", LlmProviders.All)}.")
                .Validate(options => options.TimeoutSeconds > 0, "Llm:TimeoutSeconds must be positive.")
                .Validate(options => string.IsNullOrWhiteSpace(options.BaseUrl) || Uri.TryCreate(options.BaseUrl.Trim(), UriKind.Absolute, out _),
                    "Llm:BaseUrl must be an absolute URL.")
                .ValidateOnStart();
        }

        builder.Services.TryAddSingleton(_ => new HeuristicResearchClassifier());
        builder.Services.TryAddSingleton(CreateClassifier);
        return builder;
    }

    private static IResearchClassifier CreateClassifier(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var logger = loggerFactory.CreateLogger<IResearchClassifier>();
        var heuristic = services.GetRequiredService<HeuristicResearchClassifier>();
        var provider = LlmProviders.Normalize(options.Provider);

        if (provider == LlmProviders.Heuristic)
        {
            LogUsingHeuristic(logger, "Llm:Provider is 'heuristic'");
            return heuristic;
        }

        var missing = string.IsNullOrWhiteSpace(options.ApiKey) ? "Llm:ApiKey"
            : provider == LlmProviders.OpenAiCompatible && string.IsNullOrWhiteSpace(options.BaseUrl) ? "Llm:BaseUrl"
            : null;
        if (missing is not null)
        {
            LogUsingHeuristic(logger, $"Llm:Provider is '{provider}' but {missing} is not set");
            return new HeuristicResearchClassifier(reportAsFallback: true);
        }

        var chatClient = LlmChatClientFactory.Create(options)
            .AsBuilder()
            // Spans and metrics only: failed attempts are logged once, by the classifier.
            .UseOpenTelemetry(NullLoggerFactory.Instance, LlmServiceExtensions.TelemetrySourceName)
            .Build(services);
        LogUsingLlm(logger, provider, options.ResolveModel(), string.IsNullOrWhiteSpace(options.BaseUrl) ? "its default endpoint" : options.BaseUrl);
        return new LlmResearchClassifier(chatClient, options, heuristic, loggerFactory.CreateLogger<LlmResearchClassifier>());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Research artifacts are classified by the keyword heuristic: {Reason}")]
    private static partial void LogUsingHeuristic(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Research artifacts are classified by {Provider} model {Model} at {Endpoint}")]
    private static partial void LogUsingLlm(ILogger logger, string provider, string model, string endpoint);
}
