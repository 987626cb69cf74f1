using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Tests.Signals.Domain;

public class SignalNamesTests
{
    [Fact]
    public void Storage_names_are_lowercase_and_round_trip()
    {
        Assert.Equal(["outage", "security", "bug", "question", "praise", "other"], SignalNames.CategoryNames);
        Assert.Equal(["positive", "neutral", "negative"], SignalNames.SentimentNames);
        foreach (var category in Enum.GetValues<SignalCategory>())
        {
            Assert.True(SignalNames.TryParseCategory(category.ToStorageName(), out var parsed));
            Assert.Equal(category, parsed);
        }

        foreach (var sentiment in Enum.GetValues<SignalSentiment>())
        {
            Assert.True(SignalNames.TryParseSentiment(sentiment.ToStorageName(), out var parsed));
            Assert.Equal(sentiment, parsed);
        }
    }

    [Theory]
    [InlineData("Outage", true)]
    [InlineData(" SECURITY ", true)]
    [InlineData("3", false)]
    [InlineData("outage, bug", false)]
    [InlineData("incident", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Parsing_ignores_case_but_accepts_only_the_names(string? value, bool accepted)
    {
        Assert.Equal(accepted, SignalNames.TryParseCategory(value, out _));
    }
}
