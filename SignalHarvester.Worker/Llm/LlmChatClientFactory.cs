using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OpenAI;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Llm;

/// <summary>
/// Builds the provider's <see cref="IChatClient"/>. The SDKs' own retries are switched off:
/// <see cref="LlmSignalClassifier"/> counts attempts itself (3, then the heuristic).
/// </summary>
internal static class LlmChatClientFactory
{
    public static IChatClient Create(LlmOptions options)
    {
        var provider = LlmProviders.Normalize(options.Provider);
        var apiKey = options.ApiKey ?? throw new InvalidOperationException("Llm:ApiKey is required to build a chat client.");
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var model = options.ResolveModel();
        var baseUrl = string.IsNullOrWhiteSpace(options.BaseUrl) ? null : options.BaseUrl.Trim();

        return provider switch
        {
            LlmProviders.OpenAi or LlmProviders.OpenAiCompatible => CreateOpenAi(apiKey, baseUrl, model, timeout),
            LlmProviders.Anthropic => CreateAnthropic(apiKey, baseUrl, model, timeout),
            _ => throw new InvalidOperationException($"Llm:Provider '{provider}' has no chat client."),
        };
    }

    private static IChatClient CreateOpenAi(string apiKey, string? baseUrl, string model, TimeSpan timeout)
    {
        var clientOptions = new OpenAIClientOptions
        {
            NetworkTimeout = timeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (baseUrl is not null)
        {
            clientOptions.Endpoint = new Uri(baseUrl);
        }

        return new OpenAIClient(new ApiKeyCredential(apiKey), clientOptions).GetChatClient(model).AsIChatClient();
    }

    // The Anthropic SDK (13.x) ships its own IChatClient for Microsoft.Extensions.AI.
    private static IChatClient CreateAnthropic(string apiKey, string? baseUrl, string model, TimeSpan timeout)
    {
        var clientOptions = new ClientOptions { ApiKey = apiKey, MaxRetries = 0, Timeout = timeout };
        if (baseUrl is not null)
        {
            clientOptions.BaseUrl = baseUrl;
        }

        return new AnthropicClient(clientOptions).AsIChatClient(model);
    }
}
