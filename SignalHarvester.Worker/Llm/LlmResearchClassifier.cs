using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Worker.Llm;

/// <summary>
/// Classifies research artifacts through a chat model, validating every answer strictly
/// (<see cref="LlmResearchClassificationParser"/>). Up to <see cref="MaxAttempts"/> attempts; after
/// that the heuristic answers with <see cref="ResearchClassification.Fallback"/> set.
/// </summary>
/// <param name="chatClient">Owned: disposed with this classifier.</param>
/// <param name="options">The shared <c>Llm</c> options: provider (recorded as ClassifiedBy), per-attempt timeout and retry delay.</param>
public sealed class LlmResearchClassifier(
    IChatClient chatClient,
    LlmOptions options,
    HeuristicResearchClassifier heuristic,
    ILogger<LlmResearchClassifier> logger) : IResearchClassifier, IDisposable
{
    public const int MaxAttempts = LlmAttempts.MaxAttempts;

    private readonly LlmAttempts llm = new(chatClient, options, logger);

    public string Provider => llm.Provider;

    public async Task<ResearchClassification> ClassifyAsync(ResearchText artifact, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return await llm.AskAsync<ResearchClassification>(
                   LlmResearchClassificationPrompt.Build(artifact), $"artifact '{artifact.Title}'", LlmResearchClassificationParser.TryParse, ct)
               ?? heuristic.Classify(artifact) with { Fallback = true };
    }

    public void Dispose() => llm.Dispose();
}
