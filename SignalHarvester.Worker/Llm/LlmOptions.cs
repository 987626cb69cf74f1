using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Worker.Llm;

/// <summary>Which classifier the signal pipeline uses; bound from the <c>Llm</c> configuration section.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>live, sample or off (<see cref="SourceModes"/>); empty means <c>Sources:Mode</c>, else live. Only live calls a model.</summary>
    public string? Mode { get; set; }

    /// <summary><see cref="Mode"/> as a mode; <see cref="SourceModes.Default"/> when unset (validation rejects unknown values).</summary>
    public SourceMode ConfiguredMode() => SourceModes.TryParse(Mode, out var mode) ? mode : SourceModes.Default;

    /// <summary>"heuristic" (default), "openai", "anthropic" or "openai-compatible".</summary>
    public string Provider { get; set; } = LlmProviders.Heuristic;

    /// <summary>The model name; empty means the provider's default (see <see cref="ResolveModel"/>).</summary>
    public string? Model { get; set; }

    /// <summary>Secret: supply it through user secrets or the environment (<c>Llm__ApiKey</c>), never in appsettings.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Required for "openai-compatible", optional override for the others (tests point it at a fake).
    /// OpenAI-style: the API root including its version, e.g. <c>http://127.0.0.1:5123/v1</c>;
    /// Anthropic: the host root, e.g. <c>https://api.anthropic.com</c> (the SDK adds <c>/v1/messages</c>).
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Limit on one request to the model; a timed-out attempt counts as a failed attempt.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Pause after a failed request before the next attempt, doubled each time (0 in tests).</summary>
    public int RetryDelayMilliseconds { get; set; } = 500;

    public const string DefaultOpenAiModel = "gpt-4o-mini";
    public const string DefaultAnthropicModel = "claude-haiku-4-5";

    public string ResolveModel() => !string.IsNullOrWhiteSpace(Model)
        ? Model.Trim()
        : LlmProviders.Normalize(Provider) == LlmProviders.Anthropic ? DefaultAnthropicModel : DefaultOpenAiModel;
}
