namespace SignalHarvester.Domain.Discovery;

/// <summary>How artifacts are embedded; bound from the <c>Discovery:Embeddings</c> configuration section.</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Discovery:Embeddings";

    public const string LocalProvider = "local";
    public const string OpenAiCompatibleProvider = "openai-compatible";
    public const string DefaultOpenAiModel = "text-embedding-3-small";

    public static IReadOnlyList<string> Providers { get; } = [LocalProvider, OpenAiCompatibleProvider];

    /// <summary>"local" (default: <see cref="HashedNgramEmbeddingGenerator"/>, no model download) or "openai-compatible".</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>The embedding model for "openai-compatible"; empty means <see cref="DefaultOpenAiModel"/>.</summary>
    public string? Model { get; set; }

    /// <summary>The OpenAI-style API root including its version (e.g. <c>http://127.0.0.1:5123/v1</c>); empty means OpenAI's.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Secret (user secrets or <c>Discovery__Embeddings__ApiKey</c>); empty means <c>Llm:ApiKey</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Vector length: for "local" the number of hash buckets (default <see cref="HashedNgramEmbeddingGenerator.DefaultDimensions"/>);
    /// for "openai-compatible" requested from the model when set (models that support shortening).
    /// </summary>
    public int? Dimensions { get; set; }

    /// <summary>Limit on one request to an embedding service.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Lowercased and trimmed; null or blank means "local".</summary>
    public static string NormalizeProvider(string? provider) =>
        string.IsNullOrWhiteSpace(provider) ? LocalProvider : provider.Trim().ToLowerInvariant();

    public string ResolveModel() => string.IsNullOrWhiteSpace(Model) ? DefaultOpenAiModel : Model.Trim();
}
