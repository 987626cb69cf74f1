namespace SignalHarvester.Domain.Signals;

/// <summary>
/// The classifier's verdict on one post.
/// </summary>
/// <param name="Urgency">0 (none) to 5 (act now).</param>
/// <param name="Tags">At most <see cref="MaxTags"/> lowercase tags of at most <see cref="MaxTagLength"/> characters.</param>
/// <param name="Reasoning">At most <see cref="MaxReasoningLength"/> characters.</param>
/// <param name="ClassifiedBy">"heuristic", "openai", "anthropic" or "openai-compatible".</param>
/// <param name="Fallback">True when an LLM was configured but the heuristic answered instead.</param>
public sealed record SignalClassification(
    SignalCategory Category,
    SignalSentiment Sentiment,
    int Urgency,
    IReadOnlyList<string> Tags,
    string Reasoning,
    string ClassifiedBy,
    bool Fallback)
{
    public const int MinUrgency = 0;
    public const int MaxUrgency = 5;
    public const int MaxTags = 8;
    public const int MaxTagLength = 50;
    public const int MaxReasoningLength = 400;
}
