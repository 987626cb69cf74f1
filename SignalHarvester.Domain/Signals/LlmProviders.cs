namespace SignalHarvester.Domain.Signals;

/// <summary>The values of <see cref="LlmOptions.Provider"/>; each is also what <see cref="SignalClassification.ClassifiedBy"/> records.</summary>
public static class LlmProviders
{
    public const string Heuristic = HeuristicSignalClassifier.Name;
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";
    /// <summary>Any server that speaks OpenAI's chat completions API (vLLM, Ollama, LM Studio, a test fake...).</summary>
    public const string OpenAiCompatible = "openai-compatible";

    public static IReadOnlyList<string> All { get; } = [Heuristic, OpenAi, Anthropic, OpenAiCompatible];

    /// <summary>Lowercased and trimmed; null or blank means the heuristic.</summary>
    public static string Normalize(string? provider) =>
        string.IsNullOrWhiteSpace(provider) ? Heuristic : provider.Trim().ToLowerInvariant();

    public static bool IsKnown(string? provider) => All.Contains(Normalize(provider));
}
