using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Tests.Signals.Snapshots;

/// <summary>Rows whose text exercises CSV quoting and encoding, plus nulls and non-UTC times.</summary>
public static class SampleSignalRows
{
    public static readonly DateTimeOffset TakenAt = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    public static IReadOnlyList<SignalExportRow> Tricky() =>
    [
        Row("1001", "He said \"it's down\", again", salience: 91.25, tags: ["outage", "api"]),
        Row("1002", "line one\nline two\r\nline three, with comma", salience: 47.5, tags: ["bug"]),
        Row("1003", "Ünïcödé — 日本語 🚀 «ça marche»", salience: 12.125, tags: []),
        Row("1004", "  padded, \"quoted\"\n  ", salience: null, tags: ["question", "café"], author: null, category: null, sentiment: null, urgency: null),
        Row("1005", "", salience: 0, tags: ["praise"]) with
        {
            // Ticks below a millisecond and a non-UTC offset: the files hold the same instant in UTC.
            CreatedAt = new DateTimeOffset(2025, 3, 13, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(1234567),
        },
    ];

    public static SignalExportRow Row(
        string id, string text, double? salience, IReadOnlyList<string> tags,
        string? author = "someone", string? category = "outage", string? sentiment = "negative", int? urgency = 4) =>
        new(id, text, author, new DateTimeOffset(2025, 3, 14, 8, 30, 0, TimeSpan.Zero).AddTicks(long.Parse(id) * 10),
            category, sentiment, urgency, tags, salience,
            LikeCount: 10, RetweetCount: 3, ReplyCount: 2, QuoteCount: 1, Url: $"https://x.com/someone/status/{id}");

    /// <summary>Record equality would compare the tag lists by reference.</summary>
    public static void AssertEqual(IReadOnlyList<SignalExportRow> expected, IReadOnlyList<SignalExportRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i] with { Tags = [] }, actual[i] with { Tags = [] });
            Assert.Equal(expected[i].Tags, actual[i].Tags);
        }
    }
}
