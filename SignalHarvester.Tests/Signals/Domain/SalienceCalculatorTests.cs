using SignalHarvester.Core.Data.Entities;
using SignalHarvester.Core.Signals;

namespace SignalHarvester.Tests.Signals.Domain;

public class SalienceCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SalienceCalculator _defaults = new(new SalienceOptions());

    private static SalienceInput Input(
        int likes = 0, int retweets = 0, int replies = 0, int quotes = 0, int urgency = 0,
        SignalCategory category = SignalCategory.Other, SignalSentiment sentiment = SignalSentiment.Positive,
        double ageHours = 0) =>
        new(likes, retweets, replies, quotes, urgency, category, sentiment, Now.AddHours(-ageHours));

    [Fact]
    public void Applies_the_formula_with_the_default_weights()
    {
        // base 10; engagement 10*1 + 2*3 + 1*2 + 4*2.5 = 28; urgency 3*4; bug 1.3; negative 1.2; new post.
        var expected = Math.Round((10 + 10 * Math.Log(1 + 28) + 12) * 1.3 * 1.2, 3);

        var salience = _defaults.Calculate(Input(10, 2, 1, 4, 3, SignalCategory.Bug, SignalSentiment.Negative), Now);

        Assert.Equal(expected, salience);
        Assert.Equal(86.85, salience); // the same number worked out by hand, as a guard on the test itself
    }

    [Fact]
    public void A_post_with_nothing_going_for_it_keeps_the_base()
    {
        // 10 * other 1.0 * neutral 0.9
        Assert.Equal(9.0, _defaults.Calculate(Input(sentiment: SignalSentiment.Neutral), Now));
    }

    [Fact]
    public void Praise_is_damped_and_outages_boosted()
    {
        var praise = _defaults.Calculate(Input(likes: 5, category: SignalCategory.Praise), Now);
        var outage = _defaults.Calculate(Input(likes: 5, category: SignalCategory.Outage), Now);

        Assert.Equal(Math.Round((10 + 10 * Math.Log(6)) * 0.8, 3), praise);
        Assert.Equal(Math.Round((10 + 10 * Math.Log(6)) * 2.0, 3), outage);
    }

    [Fact]
    public void Clamps_at_one_hundred()
    {
        var salience = _defaults.Calculate(
            Input(likes: 50_000, retweets: 10_000, urgency: 5, category: SignalCategory.Outage, sentiment: SignalSentiment.Negative), Now);

        Assert.Equal(100, salience);
    }

    [Fact]
    public void Clamps_at_zero()
    {
        var calculator = new SalienceCalculator(new SalienceOptions { Base = -50 });

        Assert.Equal(0, calculator.Calculate(Input(likes: 3), Now));
    }

    [Fact]
    public void Halves_every_half_life()
    {
        var fresh = _defaults.Calculate(Input(likes: 20, urgency: 2), Now);
        var dayOld = _defaults.Calculate(Input(likes: 20, urgency: 2, ageHours: 24), Now);
        var twoDaysOld = _defaults.Calculate(Input(likes: 20, urgency: 2, ageHours: 48), Now);

        Assert.Equal(Math.Round((10 + 10 * Math.Log(21) + 8) * 0.5, 3), dayOld);
        Assert.Equal(fresh / 2, dayOld, 0.001);
        Assert.Equal(fresh / 4, twoDaysOld, 0.001);
    }

    [Fact]
    public void The_half_life_is_configurable()
    {
        var calculator = new SalienceCalculator(new SalienceOptions { HalfLifeHours = 6 });

        Assert.Equal(Math.Round(10 * 0.25, 3), calculator.Calculate(Input(ageHours: 12), Now));
    }

    [Fact]
    public void A_post_from_the_future_counts_as_new()
    {
        Assert.Equal(
            _defaults.Calculate(Input(likes: 7), Now),
            _defaults.Calculate(Input(likes: 7, ageHours: -5), Now));
    }

    [Fact]
    public void Weights_are_configuration()
    {
        var options = new SalienceOptions
        {
            Base = 0,
            LikeWeight = 2,
            RetweetWeight = 0,
            UrgencyWeight = 10,
            CategoryBoosts = { Bug = 1.5 },
            SentimentMultipliers = { Negative = 1.0 },
        };
        var input = Input(likes: 10, retweets: 100, urgency: 1, category: SignalCategory.Bug, sentiment: SignalSentiment.Negative);

        var salience = new SalienceCalculator(options).Calculate(input, Now);

        Assert.Equal(Math.Round((10 * Math.Log(1 + 20) + 10) * 1.5, 3), salience);
        Assert.NotEqual(_defaults.Calculate(input, Now), salience);
    }

    [Fact]
    public void Rounds_to_three_decimals()
    {
        // 10 + 10*ln(2) = 16.93147..., * 0.9 = 15.23832...
        var salience = _defaults.Calculate(Input(likes: 1, sentiment: SignalSentiment.Neutral), Now);

        Assert.Equal(15.238, salience);
    }

    [Fact]
    public void Reads_a_stored_post_with_missing_classification_as_other_and_neutral()
    {
        var tweet = new Tweet { Id = "1", Text = "hello", LikeCount = 1, CreatedAt = Now };

        var input = SalienceInput.From(tweet);

        Assert.Equal(SignalCategory.Other, input.Category);
        Assert.Equal(SignalSentiment.Neutral, input.Sentiment);
        Assert.Equal(15.238, _defaults.Calculate(input, Now));
    }

    [Fact]
    public void Rejects_a_non_positive_half_life()
    {
        Assert.Throws<ArgumentException>(() => new SalienceCalculator(new SalienceOptions { HalfLifeHours = 0 }));
    }
}
