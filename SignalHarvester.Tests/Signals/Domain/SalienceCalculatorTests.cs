using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Tests.Signals.Domain;

public class SalienceCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // The weights every expectation below is worked out with, set here rather than read from the defaults.
    private static SalienceOptions Weights() => new()
    {
        Base = 10,
        LikeWeight = 1,
        RetweetWeight = 3,
        ReplyWeight = 2,
        QuoteWeight = 2.5,
        UrgencyWeight = 4,
        HalfLifeHours = 24,
        CategoryBoosts = { Outage = 2.0, Security = 1.8, Bug = 1.3, Question = 1.0, Praise = 0.8, Other = 1.0 },
        SentimentMultipliers = { Positive = 1.0, Neutral = 0.9, Negative = 1.2 },
    };

    private readonly SalienceCalculator _calculator = new(Weights());

    private static SalienceInput Input(
        int likes = 0, int retweets = 0, int replies = 0, int quotes = 0, int urgency = 0,
        SignalCategory category = SignalCategory.Other, SignalSentiment sentiment = SignalSentiment.Positive,
        double ageHours = 0) =>
        new(likes, retweets, replies, quotes, urgency, category, sentiment, Now.AddHours(-ageHours));

    // Worked by hand (ln from a table, 8 digits): raw = 10 + 10·ln(1 + engagement) + 4·urgency,
    // then · boost · sentiment · 0.5^(age/24), clamped to [0, 100], rounded to 3 decimals.
    [Theory]
    // engagement 10·1 + 2·3 + 1·2 + 4·2.5 = 28; ln 29 = 3.36729583; raw 10 + 33.6729583 + 12 = 55.6729583; · 1.3 · 1.2 = 86.84981
    [InlineData(10, 2, 1, 4, 3, SignalCategory.Bug, SignalSentiment.Negative, 0, 86.850)]
    // nothing: raw 10; · 1.0 · 0.9
    [InlineData(0, 0, 0, 0, 0, SignalCategory.Other, SignalSentiment.Neutral, 0, 9.000)]
    // ln 6 = 1.79175947; raw 27.9175947; praise · 0.8 = 22.33407576
    [InlineData(5, 0, 0, 0, 0, SignalCategory.Praise, SignalSentiment.Positive, 0, 22.334)]
    // the same raw; outage · 2.0 = 55.8351894
    [InlineData(5, 0, 0, 0, 0, SignalCategory.Outage, SignalSentiment.Positive, 0, 55.835)]
    // ln 21 = 3.04452244; raw 10 + 30.4452244 + 8 = 48.4452244; one half-life · 0.5 = 24.2226122
    [InlineData(20, 0, 0, 0, 2, SignalCategory.Other, SignalSentiment.Positive, 24, 24.223)]
    // two half-lives · 0.25 = 12.1113061
    [InlineData(20, 0, 0, 0, 2, SignalCategory.Other, SignalSentiment.Positive, 48, 12.111)]
    // ln 2 = 0.69314718; raw 16.9314718; · 0.9 = 15.2383246
    [InlineData(1, 0, 0, 0, 0, SignalCategory.Other, SignalSentiment.Neutral, 0, 15.238)]
    // engagement 3·2 + 4·2.5 = 16; ln 17 = 2.83321334; raw 38.3321334; · 1.8 · 1.2 = 82.7974082
    [InlineData(0, 0, 3, 4, 0, SignalCategory.Security, SignalSentiment.Negative, 0, 82.797)]
    // engagement 3; ln 4 = 1.38629436; raw 10 + 13.8629436 + 20 = 43.8629436; half a half-life · 0.70710678 = 31.0157849
    [InlineData(0, 1, 0, 0, 5, SignalCategory.Question, SignalSentiment.Positive, 12, 31.016)]
    // engagement 80,000; raw ≈ 142.9; · 2.0 · 1.2 ≈ 343, clamped
    [InlineData(50_000, 10_000, 0, 0, 5, SignalCategory.Outage, SignalSentiment.Negative, 0, 100.000)]
    // 5 hours in the future counts as new, not boosted: as the ln 6 row above
    [InlineData(5, 0, 0, 0, 0, SignalCategory.Outage, SignalSentiment.Positive, -5, 55.835)]
    public void Matches_hand_computed_values(
        int likes, int retweets, int replies, int quotes, int urgency,
        SignalCategory category, SignalSentiment sentiment, double ageHours, double expected)
    {
        Assert.Equal(expected, _calculator.Calculate(Input(likes, retweets, replies, quotes, urgency, category, sentiment, ageHours), Now));
    }

    [Fact]
    public void Clamps_at_zero()
    {
        var options = Weights();
        options.Base = -50;
        var calculator = new SalienceCalculator(options);

        Assert.Equal(0, calculator.Calculate(Input(likes: 3), Now));
    }

    [Fact]
    public void The_half_life_is_configurable()
    {
        var options = Weights();
        options.HalfLifeHours = 6;

        // raw 10, two half-lives of 6 h: 10 · 0.25
        Assert.Equal(2.5, new SalienceCalculator(options).Calculate(Input(ageHours: 12), Now));
    }

    [Fact]
    public void Weights_are_configuration()
    {
        var options = Weights();
        options.Base = 0;
        options.LikeWeight = 2;
        options.RetweetWeight = 0;
        options.UrgencyWeight = 10;
        options.CategoryBoosts.Bug = 1.5;
        options.SentimentMultipliers.Negative = 1.0;
        var input = Input(likes: 10, retweets: 100, urgency: 1, category: SignalCategory.Bug, sentiment: SignalSentiment.Negative);

        // engagement 10·2 = 20 (retweets weigh nothing); ln 21 = 3.04452244; raw 0 + 30.4452244 + 10 = 40.4452244; · 1.5 = 60.6678366
        Assert.Equal(60.668, new SalienceCalculator(options).Calculate(input, Now));
    }

    [Fact]
    public void Reads_a_stored_post_with_missing_classification_as_other_and_neutral()
    {
        var input = SalienceInput.FromStored(likes: 1, retweets: 0, replies: 0, quotes: 0, urgency: null, category: null, sentiment: null, Now);

        Assert.Equal(SignalCategory.Other, input.Category);
        Assert.Equal(SignalSentiment.Neutral, input.Sentiment);
        // as the ln 2 row of the table: · other 1.0 · neutral 0.9
        Assert.Equal(15.238, _calculator.Calculate(input, Now));
    }

    [Fact]
    public void Rejects_a_non_positive_half_life()
    {
        var options = Weights();
        options.HalfLifeHours = 0;

        var error = Assert.Throws<ArgumentException>(() => new SalienceCalculator(options));
        Assert.StartsWith("Salience:HalfLifeHours must be positive.", error.Message, StringComparison.Ordinal);
    }
}
