using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Worker.Llm;

/// <summary>
/// The one place that turns the <c>Llm</c> section into a classifier, for signals and research
/// artifacts alike: the keyword heuristic unless <see cref="LlmUse.Decide"/> says live (flagged as
/// a fallback when an LLM was asked for but cannot be used), otherwise the LLM classifier over the
/// provider's SDK. An unknown provider or mode fails at startup.
/// </summary>
internal static partial class LlmClassifierSetup
{
    /// <summary>Binds and validates <see cref="LlmOptions"/> once, however many classifiers use them.</summary>
    public static void AddLlmOptions(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(descriptor => descriptor.ServiceType == typeof(IConfigureOptions<LlmOptions>)))
        {
            return;
        }

        builder.Services.AddOptions<LlmOptions>()
            .Bind(builder.Configuration.GetSection(LlmOptions.SectionName))
            .PostConfigure(options => options.Mode = string.IsNullOrWhiteSpace(options.Mode) ? builder.Configuration[SourceModes.DefaultKey] : options.Mode)
            .Validate(options => string.IsNullOrWhiteSpace(options.Mode) || SourceModes.TryParse(options.Mode, out _),
                $"Llm:Mode (or Sources:Mode) must be one of: {string.Join(", ", SourceModes.Names)}.")
            .Validate(options => LlmProviders.IsKnown(options.Provider),
                $"Llm:Provider must be one of: {string.Join(", ", LlmProviders.All)}.")
            .Validate(options => options.TimeoutSeconds > 0, "Llm:TimeoutSeconds must be positive.")
            .Validate(options => string.IsNullOrWhiteSpace(options.BaseUrl) || Uri.TryCreate(options.BaseUrl.Trim(), UriKind.Absolute, out _),
                "Llm:BaseUrl must be an absolute URL.")
            .ValidateOnStart();
    }

    /// <param name="what">What is classified, for the start-up log ("Signals", "Research artifacts").</param>
    /// <param name="heuristic">The classifier when the heuristic is chosen on purpose.</param>
    /// <param name="fallbackHeuristic">The heuristic when an LLM was wanted but cannot be used (results say they are a fallback).</param>
    /// <param name="llm">The LLM classifier over a ready chat client.</param>
    public static TClassifier Create<TClassifier>(
        IServiceProvider services,
        string what,
        TClassifier heuristic,
        Func<TClassifier> fallbackHeuristic,
        Func<IChatClient, LlmOptions, TClassifier> llm)
    {
        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmClassifierSetup));
        var use = LlmUse.Decide(options);
        if (use.Mode != SourceMode.Live)
        {
            LogUsingHeuristic(logger, what, use.Detail);
            // A wanted LLM that cannot run: stored classifications say they are a fallback, as the original system's did.
            return use.IsFallback ? fallbackHeuristic() : heuristic;
        }

        var provider = LlmProviders.Normalize(options.Provider);

        var chatClient = LlmChatClientFactory.Create(options)
            .AsBuilder()
            // Spans and metrics only (null would mean the app's logger factory): failed attempts
            // are logged once, by the classifier.
            .UseOpenTelemetry(NullLoggerFactory.Instance, LlmServiceExtensions.TelemetrySourceName)
            .Build(services);
        LogUsingLlm(logger, what, provider, options.ResolveModel(), string.IsNullOrWhiteSpace(options.BaseUrl) ? "its default endpoint" : options.BaseUrl);
        return llm(chatClient, options);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{What} classification: {Reason}")]
    private static partial void LogUsingHeuristic(ILogger logger, string what, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{What} are classified by {Provider} model {Model} at {Endpoint}")]
    private static partial void LogUsingLlm(ILogger logger, string what, string provider, string model, string endpoint);
}
