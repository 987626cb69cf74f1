using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Llm;

/// <summary>Parses a model's answer into <typeparamref name="T"/>, or says why it cannot.</summary>
public delegate bool TryParseAnswer<T>(string? answer, string classifiedBy, [NotNullWhen(true)] out T? result, [NotNullWhen(false)] out string? error)
    where T : class;

/// <summary>
/// Asks a chat model for one JSON answer and parses it strictly, up to <see cref="MaxAttempts"/>
/// times (a failed request, a timeout or an invalid answer each use one). Returns null when every
/// attempt failed, after logging why once; the caller then falls back to its heuristic.
/// </summary>
internal sealed partial class LlmAttempts(IChatClient chatClient, LlmOptions options, ILogger logger) : IDisposable
{
    public const int MaxAttempts = 3;

    private readonly TimeSpan attemptTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
    private readonly TimeSpan retryDelay = TimeSpan.FromMilliseconds(Math.Max(0, options.RetryDelayMilliseconds));

    /// <summary>The provider name, recorded as ClassifiedBy.</summary>
    public string Provider { get; } = LlmProviders.Normalize(options.Provider);

    /// <param name="subject">What is being classified, for the logs (a post id, an artifact title).</param>
    public async Task<T?> AskAsync<T>(IEnumerable<ChatMessage> messages, string subject, TryParseAnswer<T> parse, CancellationToken ct)
        where T : class
    {
        var lastFailure = "no attempt was made";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptCts.CancelAfter(attemptTimeout);
            try
            {
                var response = await chatClient.GetResponseAsync(messages, new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, attemptCts.Token);
                if (parse(response.Text, Provider, out var result, out var error))
                {
                    return result;
                }

                lastFailure = $"invalid answer: {error}";
                LogInvalidAnswer(logger, subject, attempt, error);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                lastFailure = ex is OperationCanceledException
                    ? $"no answer within {attemptTimeout.TotalSeconds:0.#} s"
                    : $"{ex.GetType().Name}: {ex.Message}";
                LogAttemptFailed(logger, ex, subject, attempt, lastFailure);
                // Back off only when the service failed; an invalid answer is simply asked again.
                if (attempt < MaxAttempts && retryDelay > TimeSpan.Zero)
                {
                    await Task.Delay(retryDelay * Math.Pow(2, attempt - 1), ct);
                }
            }
        }

        LogFallingBack(logger, Provider, subject, MaxAttempts, lastFailure);
        return null;
    }

    public void Dispose() => chatClient.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM attempt {Attempt} for {Subject} gave an invalid answer: {Error}")]
    private static partial void LogInvalidAnswer(ILogger logger, string subject, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM attempt {Attempt} for {Subject} failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string subject, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Provider} gave no valid classification for {Subject} in {Attempts} attempts ({Reason}); using the keyword heuristic")]
    private static partial void LogFallingBack(ILogger logger, string provider, string subject, int attempts, string reason);
}
