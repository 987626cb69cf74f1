using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SignalHarvester.Core.Signals;

public static partial class LlmServiceExtensions
{
    /// <summary>Activity source of the model calls (gen_ai spans); covered by the service defaults' "SignalHarvester.*".</summary>
    public const string TelemetrySourceName = "SignalHarvester.Llm";

    /// <summary>
    /// Registers <see cref="ISignalClassifier"/> from the <c>Llm</c> section: the keyword heuristic when
    /// the provider is "heuristic" or the LLM cannot be used (no key, no base URL for
    /// "openai-compatible"), otherwise <see cref="LlmSignalClassifier"/> over the provider's SDK.
    /// An unknown provider fails at startup.
    /// </summary>
    public static IHostApplicationBuilder AddSignalClassification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>()
            .Bind(builder.Configuration.GetSection(LlmOptions.SectionName))
            .Validate(options => LlmProviders.IsKnown(options.Provider),
                $"Llm:Provider must be one of: {string.Join(", ", LlmProviders.All)}.")
            .Validate(options => options.TimeoutSeconds > 0, "Llm:TimeoutSeconds must be positive.")
            .Validate(options => string.IsNullOrWhiteSpace(options.BaseUrl) || Uri.TryCreate(options.BaseUrl.Trim(), UriKind.Absolute, out _),
                "Llm:BaseUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(_ => new HeuristicSignalClassifier());
        builder.Services.TryAddSingleton(CreateClassifier);
        return builder;
    }

    private static ISignalClassifier CreateClassifier(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var logger = loggerFactory.CreateLogger<ISignalClassifier>();
        var heuristic = services.GetRequiredService<HeuristicSignalClassifier>();
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
            // Stored classifications then say they are a fallback, as the original system's did.
            LogUsingHeuristic(logger, $"Llm:Provider is '{provider}' but {missing} is not set");
            return new HeuristicSignalClassifier(reportAsFallback: true);
        }

        var chatClient = LlmChatClientFactory.Create(options)
            .AsBuilder()
            // Spans and metrics only (null would mean the app's logger factory): failed attempts
            // are logged once, by the classifier.
            .UseOpenTelemetry(NullLoggerFactory.Instance, TelemetrySourceName)
            .Build(services);
        LogUsingLlm(logger, provider, options.ResolveModel(), string.IsNullOrWhiteSpace(options.BaseUrl) ? "its default endpoint" : options.BaseUrl);
        return new LlmSignalClassifier(chatClient, options, heuristic, loggerFactory.CreateLogger<LlmSignalClassifier>());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signals are classified by the keyword heuristic: {Reason}")]
    private static partial void LogUsingHeuristic(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signals are classified by {Provider} model {Model} at {Endpoint}")]
    private static partial void LogUsingLlm(ILogger logger, string provider, string model, string endpoint);
}
