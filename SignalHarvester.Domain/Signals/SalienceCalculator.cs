using Microsoft.Extensions.Options;

namespace SignalHarvester.Domain.Signals;

/// <summary>
/// How much a post deserves attention now, 0..100:
/// <c>(base + 10·ln(1 + likes·wl + retweets·wr + replies·wp + quotes·wq) + urgency·wu)
/// · categoryBoost · sentimentMultiplier · 0.5^(ageHours / halfLifeHours)</c>,
/// clamped to [0, 100] and rounded to 3 decimals. Pure: the caller supplies "now".
/// </summary>
public sealed class SalienceCalculator
{
    public const double Min = 0;
    public const double Max = 100;

    private readonly SalienceOptions _options;

    public SalienceCalculator(SalienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.HalfLifeHours > 0))
        {
            throw new ArgumentException("Salience:HalfLifeHours must be positive.", nameof(options));
        }

        _options = options;
    }

    public SalienceCalculator(IOptions<SalienceOptions> options) : this(options.Value)
    {
    }

    public double Calculate(SalienceInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        // Negative engagement (misconfigured weights) must not make the logarithm undefined.
        var engagement = Math.Max(0,
            input.Likes * o.LikeWeight + input.Retweets * o.RetweetWeight
            + input.Replies * o.ReplyWeight + input.Quotes * o.QuoteWeight);
        var urgency = Math.Clamp(input.Urgency, SignalClassification.MinUrgency, SignalClassification.MaxUrgency);
        var raw = o.Base + 10 * Math.Log(1 + engagement) + urgency * o.UrgencyWeight;

        // A post dated in the future (clock skew) is treated as brand new, not boosted.
        var ageHours = Math.Max(0, (now - input.CreatedAt).TotalHours);
        var decay = Math.Pow(0.5, ageHours / o.HalfLifeHours);

        var salience = raw * o.CategoryBoosts.For(input.Category) * o.SentimentMultipliers.For(input.Sentiment) * decay;
        // Banker's rounding, like Python's round() in the original system.
        return Math.Round(Math.Clamp(salience, Min, Max), 3, MidpointRounding.ToEven);
    }
}
