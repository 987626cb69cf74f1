namespace SignalHarvester.Domain.Signals;

/// <summary>Weights of <see cref="SalienceCalculator"/>; bound from the <c>Salience</c> configuration section.</summary>
public sealed class SalienceOptions
{
    public const string SectionName = "Salience";

    /// <summary>
    /// Points every post starts with. The original system's formula names a base but the reference
    /// gives no value; 10 lets an unseen post with no engagement still rank by urgency and category.
    /// </summary>
    public double Base { get; set; } = 10;

    public double LikeWeight { get; set; } = 1;
    public double RetweetWeight { get; set; } = 3;
    public double ReplyWeight { get; set; } = 2;
    public double QuoteWeight { get; set; } = 2.5;

    /// <summary>Points per urgency level (0..5).</summary>
    public double UrgencyWeight { get; set; } = 4;

    /// <summary>Age after which a post's salience is halved; must be positive.</summary>
    public double HalfLifeHours { get; set; } = 24;

    public CategoryBoostOptions CategoryBoosts { get; set; } = new();
    public SentimentMultiplierOptions SentimentMultipliers { get; set; } = new();

    public sealed class CategoryBoostOptions
    {
        public double Outage { get; set; } = 2.0;
        public double Security { get; set; } = 1.8;
        public double Bug { get; set; } = 1.3;
        public double Question { get; set; } = 1.0;
        public double Praise { get; set; } = 0.8;
        public double Other { get; set; } = 1.0;

        public double For(SignalCategory category) => category switch
        {
            SignalCategory.Outage => Outage,
            SignalCategory.Security => Security,
            SignalCategory.Bug => Bug,
            SignalCategory.Question => Question,
            SignalCategory.Praise => Praise,
            _ => Other,
        };
    }

    public sealed class SentimentMultiplierOptions
    {
        public double Positive { get; set; } = 1.0;
        public double Neutral { get; set; } = 0.9;
        public double Negative { get; set; } = 1.2;

        public double For(SignalSentiment sentiment) => sentiment switch
        {
            SignalSentiment.Positive => Positive,
            SignalSentiment.Negative => Negative,
            _ => Neutral,
        };
    }
}
