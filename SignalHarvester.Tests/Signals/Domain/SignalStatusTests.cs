using SignalHarvester.Data.Model;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Tests.Signals.Domain;

public class SignalStatusTests
{
    private static readonly DateTimeOffset Notified = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("outage", 42.0, true, SignalStatus.Inactive)]
    [InlineData(null, null, true, SignalStatus.Inactive)]
    [InlineData(null, null, false, SignalStatus.Error)]
    [InlineData("bug", null, false, SignalStatus.Paused)]
    [InlineData("bug", 12.5, false, SignalStatus.Active)]
    [InlineData(null, 12.5, false, SignalStatus.Active)]
    public void Derives_the_status(string? category, double? salience, bool notified, string expected)
    {
        Assert.Equal(expected, SignalStatus.Derive(category, salience, notified ? Notified : null));
    }

    [Theory]
    [InlineData(SignalStatus.Archived)]
    [InlineData(SignalStatus.Dismissed)]
    public void An_operators_review_status_wins_over_the_derivation(string reviewStatus)
    {
        Assert.Equal(reviewStatus, SignalStatus.Derive("bug", 12.5, Notified, reviewStatus));
        Assert.Equal(reviewStatus, SignalStatus.Derive(null, null, null, reviewStatus));
    }

    [Fact]
    public void The_query_filter_agrees_with_the_derivation()
    {
        var signals =
            from category in new[] { null, "bug" }
            from salience in new double?[] { null, 10 }
            from notifiedAt in new DateTimeOffset?[] { null, Notified }
            from reviewStatus in new[] { null, SignalStatus.Archived, SignalStatus.Dismissed }
            select new Signal { Id = "1", Text = "t", Category = category, Salience = salience, NotifiedAt = notifiedAt, ReviewStatus = reviewStatus };

        foreach (var signal in signals)
        {
            foreach (var status in SignalStatus.All)
            {
                var matches = SignalStatusQueries.Is(status).Compile()(signal);
                Assert.Equal(signal.Status() == status, matches);
            }
        }
    }

    [Fact]
    public void An_unknown_status_cannot_be_filtered_on()
    {
        Assert.Throws<ArgumentException>(() => SignalStatusQueries.Is("deleted"));
    }
}
