using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Worker.Llm;

/// <summary>
/// Classifies posts through a chat model, validating every answer strictly
/// (<see cref="LlmClassificationParser"/>). Up to <see cref="MaxAttempts"/> attempts; after that the
/// heuristic answers with <see cref="SignalClassification.Fallback"/> set.
/// </summary>
/// <param name="chatClient">Owned: disposed with this classifier.</param>
/// <param name="options">Provider (recorded as ClassifiedBy), per-attempt timeout and retry delay.</param>
public sealed class LlmSignalClassifier(
    IChatClient chatClient,
    LlmOptions options,
    HeuristicSignalClassifier heuristic,
    ILogger<LlmSignalClassifier> logger) : ISignalClassifier, IDisposable
{
    public const int MaxAttempts = LlmAttempts.MaxAttempts;

    private readonly LlmAttempts llm = new(chatClient, options, logger);

    public string Provider => llm.Provider;

    public async Task<SignalClassification> ClassifyAsync(SignalText post, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(post);
        return await llm.AskAsync<SignalClassification>(LlmClassificationPrompt.Build(post), $"post {post.Id}", LlmClassificationParser.TryParse, ct)
               ?? heuristic.Classify(post) with { Fallback = true };
    }

    public void Dispose() => llm.Dispose();
}
