using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SignalHarvester.Core.Signals;

namespace SignalHarvester.Core.Discovery;

/// <summary>
/// Classifies research artifacts through a chat model, validating every answer strictly
/// (<see cref="LlmResearchClassificationParser"/>). Up to <see cref="MaxAttempts"/> attempts (a
/// failed request, a timeout or an invalid answer each use one); after that the heuristic answers
/// with <see cref="ResearchClassification.Fallback"/> set.
/// </summary>
public sealed partial class LlmResearchClassifier : IResearchClassifier, IDisposable
{
    public const int MaxAttempts = LlmSignalClassifier.MaxAttempts;

    private readonly IChatClient _chatClient;
    private readonly string _provider;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _retryDelay;
    private readonly HeuristicResearchClassifier _heuristic;
    private readonly ILogger<LlmResearchClassifier> _logger;

    /// <param name="chatClient">Owned: disposed with this classifier.</param>
    /// <param name="options">The shared <c>Llm</c> options: provider (recorded as ClassifiedBy), per-attempt timeout and retry delay.</param>
    public LlmResearchClassifier(
        IChatClient chatClient,
        LlmOptions options,
        HeuristicResearchClassifier heuristic,
        ILogger<LlmResearchClassifier> logger)
    {
        _chatClient = chatClient;
        _provider = LlmProviders.Normalize(options.Provider);
        _attemptTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        _retryDelay = TimeSpan.FromMilliseconds(Math.Max(0, options.RetryDelayMilliseconds));
        _heuristic = heuristic;
        _logger = logger;
    }

    public string Provider => _provider;

    public async Task<ResearchClassification> ClassifyAsync(ResearchText artifact, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var messages = LlmResearchClassificationPrompt.Build(artifact);
        var lastFailure = "no attempt was made";

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptCts.CancelAfter(_attemptTimeout);
            try
            {
                var options = new ChatOptions { ResponseFormat = ChatResponseFormat.Json };
                var response = await _chatClient.GetResponseAsync(messages, options, attemptCts.Token);
                if (LlmResearchClassificationParser.TryParse(response.Text, _provider, out var classification, out var error))
                {
                    return classification;
                }

                lastFailure = $"invalid answer: {error}";
                LogInvalidAnswer(_logger, artifact.Title, attempt, error);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                lastFailure = ex is OperationCanceledException
                    ? $"no answer within {_attemptTimeout.TotalSeconds:0.#} s"
                    : $"{ex.GetType().Name}: {ex.Message}";
                LogAttemptFailed(_logger, ex, artifact.Title, attempt, lastFailure);
                // Back off only when the service failed; an invalid answer is simply asked again.
                if (attempt < MaxAttempts && _retryDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_retryDelay * Math.Pow(2, attempt - 1), ct);
                }
            }
        }

        LogFallingBack(_logger, _provider, artifact.Title, MaxAttempts, lastFailure);
        return _heuristic.Classify(artifact) with { Fallback = true };
    }

    public void Dispose() => _chatClient.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM attempt {Attempt} for artifact '{Title}' gave an invalid answer: {Error}")]
    private static partial void LogInvalidAnswer(ILogger logger, string title, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM attempt {Attempt} for artifact '{Title}' failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string title, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Provider} gave no valid research classification for '{Title}' in {Attempts} attempts ({Reason}); using the keyword heuristic")]
    private static partial void LogFallingBack(ILogger logger, string provider, string title, int attempts, string reason);
}
