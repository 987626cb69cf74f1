using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Worker.Llm;

/// <summary>
/// Whether the classifiers call a model, decided once from the <c>Llm</c> section: live needs a
/// provider, its key and (for "openai-compatible") a base URL; sample and off use the keyword
/// heuristic, which is also what a live LLM that cannot run falls back to (<see cref="IsFallback"/>).
/// </summary>
/// <param name="Mode">The mode in effect: live only when a model is called.</param>
/// <param name="Detail">Why, in a sentence (never the key).</param>
/// <param name="IsFallback">An LLM was asked for and cannot be used: classifications say they are a fallback.</param>
public sealed record LlmUse(SourceMode ConfiguredMode, SourceMode Mode, string Detail, bool IsFallback, string? Endpoint, bool CredentialConfigured)
{
    public static LlmUse Decide(LlmOptions options)
    {
        var configured = options.ConfiguredMode();
        var hasKey = !string.IsNullOrWhiteSpace(options.ApiKey);
        var provider = LlmProviders.Normalize(options.Provider);
        if (configured != SourceMode.Live)
        {
            var why = configured == SourceMode.Sample
                ? "sample mode: the keyword heuristic classifies (no model is called)"
                : "off: the keyword heuristic classifies";
            return new(configured, configured, why, IsFallback: false, null, hasKey);
        }

        if (provider == LlmProviders.Heuristic)
        {
            return new(configured, SourceMode.Off, "no Llm:Provider chosen: the keyword heuristic classifies", IsFallback: false, null, hasKey);
        }

        var missing = !hasKey ? "Llm:ApiKey"
            : provider == LlmProviders.OpenAiCompatible && string.IsNullOrWhiteSpace(options.BaseUrl) ? "Llm:BaseUrl"
            : null;
        if (missing is not null)
        {
            return new(configured, SourceMode.Off, $"Llm:Provider is '{provider}' but {missing} is not set (in the AppHost: the llm-api-key parameter): the keyword heuristic classifies, marked as a fallback",
                IsFallback: true, null, hasKey);
        }

        var endpoint = string.IsNullOrWhiteSpace(options.BaseUrl) ? null : options.BaseUrl.Trim();
        return new(configured, SourceMode.Live, $"{provider} model {options.ResolveModel()} at {endpoint ?? "its default endpoint"}", IsFallback: false,
            endpoint ?? DefaultEndpoint(provider), hasKey);
    }

    private static string DefaultEndpoint(string provider) => provider == LlmProviders.Anthropic ? "https://api.anthropic.com" : "https://api.openai.com/v1";
}
