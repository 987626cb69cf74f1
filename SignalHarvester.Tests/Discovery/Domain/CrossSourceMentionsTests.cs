using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class CrossSourceMentionsTests
{
    private static readonly string[] Sources = ["arxiv", "github", "hackernews", "x"];
    private static readonly string[] Origins = ["live", "sample"];

    [Fact]
    public void Other_sources_of_the_same_origin_count_once_each_by_url_or_source_id()
    {
        MentionedArtifact[] artifacts =
        [
            new(1, "arxiv", "live", "2511.14902", "https://arxiv.org/abs/2511.14902"),
            new(2, "github", "live", "halcyon-ai/sparse-mixer", "https://github.com/halcyon-ai/sparse-mixer"),
            new(3, "hackernews", "live", "4100", "https://example.org/post"), // id too short to look for
        ];
        var mentions = new CrossSourceMentions(artifacts);

        mentions.Observe("github", "live", "https://github.com/halcyon-ai/sparse-mixer", "Code for arXiv:2511.14902v2.");
        mentions.Observe("hackernews", "live", "https://arxiv.org/abs/2511.14902", "Discussion");  // same URL, and the id in it: one source
        mentions.Observe("x", "live", null, "see 2511.14902 and the github repo halcyon-ai/sparse-mixer, item 4100");
        mentions.Observe("arxiv", "live", null, "our own 2511.14902 again");                    // its own source: not counted
        mentions.Observe("hackernews", "sample", null, "2511.14902 halcyon-ai/sparse-mixer"); // another origin: not counted
        mentions.Observe("arxiv", "live", null, "https://example.org/post");                  // the URL inside text is no URL match, and 4100 is short

        var counts = mentions.Counts();

        Assert.Equal(3, counts[1]);       // github, hackernews, x
        Assert.Equal(1, counts[2]);       // x (its own source's mention does not count)
        Assert.False(counts.ContainsKey(3));
    }

    [Fact]
    public void The_counts_equal_a_direct_reading_of_the_rule_on_random_artifacts()
    {
        var random = new Random(20261203);
        // Ids of several lengths that start at the same place ("10000123" and "100001234"), so every length is tried at a match.
        var artifacts = Enumerable.Range(1, 400).Select(i => new
        {
            Id = (long)i,
            Source = Sources[random.Next(Sources.Length)],
            Origin = Origins[random.Next(4) == 0 ? 1 : 0],
            SourceId = random.Next(3) switch { 0 => $"{random.Next(10_000, 99_999)}", 1 => $"{random.Next(10_000_000, 10_000_400)}", _ => $"{random.Next(10_000_000, 10_000_400)}{random.Next(10)}" },
            Url = random.Next(3) == 0 ? null : $"https://example.org/{random.Next(60)}",
            Text = random.Next(5) == 0 ? null : string.Join(' ', Enumerable.Range(0, 6).Select(_ => $"x{random.Next(10_000_000, 10_000_400)}{random.Next(10)}y")),
        }).ToList();

        var mentions = new CrossSourceMentions(artifacts.Select(a => new MentionedArtifact(a.Id, a.Source, a.Origin, a.SourceId, a.Url)));
        foreach (var b in artifacts)
        {
            mentions.Observe(b.Source, b.Origin, b.Url, b.Text);
        }

        // As the SQL it replaces read: other sources, same origin, same URL or the id (8+ characters) inside text or URL.
        var expected = artifacts
            .Select(a => (a.Id, Count: artifacts
                .Where(b => b.Source != a.Source && b.Origin == a.Origin
                            && ((b.Url is not null && b.Url == a.Url)
                                || (a.SourceId.Length >= 8 && ((b.Text?.Contains(a.SourceId, StringComparison.Ordinal) ?? false)
                                                               || (b.Url?.Contains(a.SourceId, StringComparison.Ordinal) ?? false)))))
                .Select(b => b.Source).Distinct().Count()))
            .Where(e => e.Count > 0)
            .ToDictionary(e => e.Id, e => e.Count);

        Assert.True(expected.Count > 100, $"only {expected.Count} artifacts are mentioned: the data should exercise the rule");
        Assert.Equal(expected.OrderBy(e => e.Key), mentions.Counts().OrderBy(e => e.Key));
    }
}
