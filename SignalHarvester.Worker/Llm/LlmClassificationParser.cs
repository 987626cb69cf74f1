using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Worker.Llm;

/// <summary>
/// Reads and strictly validates a model's JSON answer. Nothing is clamped or truncated: an answer
/// outside the contract is rejected with a reason, so the classifier can ask again or fall back.
/// </summary>
public static class LlmClassificationParser
{
    /// <param name="answer">The model's text: a JSON object, optionally inside a ``` fence or a sentence.</param>
    /// <param name="classifiedBy">The provider name to record on the classification.</param>
    public static bool TryParse(
        string? answer,
        string classifiedBy,
        [NotNullWhen(true)] out SignalClassification? classification,
        [NotNullWhen(false)] out string? error)
    {
        classification = null;
        if (!LlmAnswerJson.TryReadObject(answer, out var root, out error))
        {
            return false;
        }

        using (root)
        {
            var json = root.RootElement;
            if (!LlmAnswerJson.TryReadString(json, "category", out var categoryText, out error)
                || !LlmAnswerJson.TryReadString(json, "sentiment", out var sentimentText, out error)
                || !LlmAnswerJson.TryReadString(json, "reasoning", out var reasoning, out error))
            {
                return false;
            }

            if (!SignalNames.TryParseCategory(categoryText, out var category))
            {
                error = $"category '{categoryText}' is not one of {string.Join(", ", SignalNames.CategoryNames)}";
                return false;
            }

            if (!SignalNames.TryParseSentiment(sentimentText, out var sentiment))
            {
                error = $"sentiment '{sentimentText}' is not one of {string.Join(", ", SignalNames.SentimentNames)}";
                return false;
            }

            if (!LlmAnswerJson.TryReadUrgency(json, SignalClassification.MinUrgency, SignalClassification.MaxUrgency, out var urgency, out error)
                || !LlmAnswerJson.TryReadTags(json, SignalClassification.MaxTags, SignalClassification.MaxTagLength, out var tags, out error))
            {
                return false;
            }

            reasoning = reasoning.Trim();
            if (reasoning.Length > SignalClassification.MaxReasoningLength)
            {
                error = $"reasoning has {reasoning.Length} characters, more than {SignalClassification.MaxReasoningLength}";
                return false;
            }

            classification = new SignalClassification(category, sentiment, urgency, tags, reasoning, classifiedBy, Fallback: false);
            return true;
        }
    }
}
