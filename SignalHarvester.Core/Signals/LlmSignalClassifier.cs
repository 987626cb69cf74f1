using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace SignalHarvester.Core.Signals;

/// <summary>
/// Classifies through a chat model, validating every answer strictly. Up to <see cref="MaxAttempts"/>
/// attempts (a failed request, a timeout or an invalid answer each use one); after that the
/// heuristic answers with <see cref="SignalClassification.Fallback"/> set.
/// </summary>
public sealed partial class LlmSignalClassifier : ISignalClassifier, IDisposable
{
    public const int MaxAttempts = 3;

    private readonly IChatClient _chatClient;
    private readonly string _provider;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _retryDelay;
    private readonly HeuristicSignalClassifier _heuristic;
    private readonly ILogger<LlmSignalClassifier> _logger;

    /// <param name="chatClient">Owned: disposed with this classifier.</param>
    /// <param name="options">Provider (recorded as ClassifiedBy), per-attempt timeout and retry delay.</param>
    public LlmSignalClassifier(
        IChatClient chatClient,
        LlmOptions options,
        HeuristicSignalClassifier heuristic,
        ILogger<LlmSignalClassifier> logger)
    {
        _chatClient = chatClient;
        _provider = LlmProviders.Normalize(options.Provider);
        _attemptTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        _retryDelay = TimeSpan.FromMilliseconds(Math.Max(0, options.RetryDelayMilliseconds));
        _heuristic = heuristic;
        _logger = logger;
    }

    public string Provider => _provider;

    public async Task<SignalClassification> ClassifyAsync(SignalText post, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(post);
        var messages = LlmClassificationPrompt.Build(post);
        var lastFailure = "no attempt was made";

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptCts.CancelAfter(_attemptTimeout);
            try
            {
                var options = new ChatOptions { ResponseFormat = ChatResponseFormat.Json };
                var response = await _chatClient.GetResponseAsync(messages, options, attemptCts.Token);
                if (LlmClassificationParser.TryParse(response.Text, _provider, out var classification, out var error))
                {
                    return classification;
                }

                lastFailure = $"invalid answer: {error}";
                LogInvalidAnswer(_logger, post.Id, attempt, error);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                lastFailure = ex is OperationCanceledException
                    ? $"no answer within {_attemptTimeout.TotalSeconds:0.#} s"
                    : $"{ex.GetType().Name}: {ex.Message}";
                LogAttemptFailed(_logger, ex, post.Id, attempt, lastFailure);
                // Back off only when the service failed; an invalid answer is simply asked again.
                if (attempt < MaxAttempts && _retryDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_retryDelay * Math.Pow(2, attempt - 1), ct);
                }
            }
        }

        LogFallingBack(_logger, _provider, post.Id, MaxAttempts, lastFailure);
        return _heuristic.Classify(post) with { Fallback = true };
    }

    public void Dispose() => _chatClient.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM attempt {Attempt} for post {PostId} gave an invalid answer: {Error}")]
    private static partial void LogInvalidAnswer(ILogger logger, string postId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM attempt {Attempt} for post {PostId} failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string postId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Provider} gave no valid classification for post {PostId} in {Attempts} attempts ({Reason}); using the keyword heuristic")]
    private static partial void LogFallingBack(ILogger logger, string provider, string postId, int attempts, string reason);
}
