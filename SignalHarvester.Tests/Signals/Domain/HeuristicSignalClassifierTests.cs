using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Tests.Signals.Domain;

public class HeuristicSignalClassifierTests
{
    private readonly HeuristicSignalClassifier _classifier = new();

    private static SignalText Post(string text, int likes = 0, int retweets = 0, int replies = 0, int quotes = 0) =>
        new("1850000000000000001", text, "someone", likes, retweets, replies, quotes);

    [Theory]
    [InlineData("Major outage right now: the Acme API is down for everyone, dashboards return 503s", SignalCategory.Outage)]
    [InlineData("Acme status page says degraded performance in eu-west, pipelines are timing out", SignalCategory.Outage)]
    [InlineData("CVE-2025-31337: unauthenticated RCE in acme-server < 2.4.1, patch now", SignalCategory.Security)]
    [InlineData("Looks like Acme leaked customer emails, is this a breach? Their XSS report was ignored", SignalCategory.Security)]
    [InlineData("The new Acme CLI crashes with a NullReferenceException on startup, pretty sure it's a regression from 3.2", SignalCategory.Bug)]
    [InlineData("Found a bug: export to CSV is broken since the last update", SignalCategory.Bug)]
    [InlineData("How do I rotate an Acme API key with zero downtime for clients", SignalCategory.Question)]
    [InlineData("Anyone know how to configure Acme webhooks for multiple environments?", SignalCategory.Question)]
    [InlineData("Is there a way to export Acme dashboards as PDF? https://example.com/docs?page=2", SignalCategory.Question)]
    [InlineData("Huge thanks to the Acme team, the new release is amazing. Great job!", SignalCategory.Praise)]
    [InlineData("Just love how fast the new Acme search is", SignalCategory.Praise)]
    [InlineData("Acme announced their annual conference will be in Lisbon this year", SignalCategory.Other)]
    [InlineData("Release notes for Acme 4.0: https://example.com/notes?v=4", SignalCategory.Other)]
    public void Recognises_the_category_of_realistic_posts(string text, SignalCategory expected)
    {
        var result = _classifier.Classify(Post(text));

        Assert.Equal(expected, result.Category);
    }

    [Fact]
    public void An_outage_question_is_an_outage()
    {
        var result = _classifier.Classify(Post("Is Acme down again?"));

        Assert.Equal(SignalCategory.Outage, result.Category);
    }

    [Theory]
    [InlineData("Thanks for the update, but the new pricing is terrible")]
    [InlineData("How do I cancel? This is so frustrating")]
    [InlineData("Honestly the worst onboarding I have seen")]
    public void Negative_words_force_urgency_of_at_least_three(string text)
    {
        var result = _classifier.Classify(Post(text));

        Assert.True(result.Urgency >= 3, $"urgency {result.Urgency} for \"{text}\"");
        Assert.Contains("negative words force at least 3", result.Reasoning);
    }

    [Fact]
    public void Praise_without_negative_words_is_not_urgent()
    {
        var result = _classifier.Classify(Post("Huge thanks to the Acme team, the new release is amazing"));

        Assert.Equal(SignalSentiment.Positive, result.Sentiment);
        Assert.Equal(0, result.Urgency);
    }

    [Fact]
    public void Outages_are_urgent_and_urgent_words_raise_urgency()
    {
        var plain = _classifier.Classify(Post("Acme API outage in us-east"));
        var urgent = _classifier.Classify(Post("Acme API outage in us-east, need a fix ASAP"));

        Assert.Equal(3, plain.Urgency);
        Assert.Equal(4, urgent.Urgency);
    }

    [Fact]
    public void Viral_engagement_raises_urgency_of_problem_reports_only()
    {
        var quiet = _classifier.Classify(Post("Found a bug in the Acme exporter"));
        var viral = _classifier.Classify(Post("Found a bug in the Acme exporter", likes: 400, retweets: 200));
        var viralPraise = _classifier.Classify(Post("Thanks Acme, amazing release", likes: 400, retweets: 200));

        Assert.Equal(quiet.Urgency + 1, viral.Urgency);
        Assert.Contains("viral engagement", viral.Reasoning);
        Assert.Equal(0, viralPraise.Urgency);
    }

    [Fact]
    public void Urgency_never_exceeds_five()
    {
        var result = _classifier.Classify(Post(
            "URGENT: critical outage, everything is down, this is unacceptable", likes: 5000, retweets: 2000));

        Assert.Equal(5, result.Urgency);
    }

    [Fact]
    public void Sentiment_follows_the_word_lists()
    {
        Assert.Equal(SignalSentiment.Negative, _classifier.Classify(Post("Acme support is useless and I hate it")).Sentiment);
        Assert.Equal(SignalSentiment.Positive, _classifier.Classify(Post("So happy with Acme, smooth migration")).Sentiment);
        Assert.Equal(SignalSentiment.Neutral, _classifier.Classify(Post("Acme released version 4.0 today")).Sentiment);
    }

    [Fact]
    public void Tags_are_lowercased_hashtags_then_matched_keywords()
    {
        var result = _classifier.Classify(Post("#AWS #Outage us-east-1 is down, 503s everywhere (C# SDK affected)"));

        Assert.Equal(["aws", "outage", "down", "5xx"], result.Tags);
    }

    [Fact]
    public void At_most_eight_tags()
    {
        var result = _classifier.Classify(Post(
            "#one #two #three #four #five #six #seven #eight #nine #ten outage bug crash"));

        Assert.Equal(SignalClassification.MaxTags, result.Tags.Count);
        Assert.Equal(["one", "two", "three", "four", "five", "six", "seven", "eight"], result.Tags);
    }

    [Fact]
    public void Reasoning_names_the_matched_keywords_within_400_characters()
    {
        var result = _classifier.Classify(Post("Acme outage: the dashboard is down and returns 502 bad gateway"));

        Assert.Contains("outage", result.Reasoning);
        Assert.Contains("down", result.Reasoning);
        Assert.Contains("5xx", result.Reasoning);
        Assert.True(result.Reasoning.Length <= SignalClassification.MaxReasoningLength);
    }

    [Fact]
    public void Reasoning_stays_within_400_characters_when_everything_matches()
    {
        var everything = string.Join(' ', "outage is down degraded 503 unavailable incident disruption timeout status page",
            "CVE-2024-12345 vulnerability exploit breach leaked rce xss sqli csrf zero-day malware hacked",
            "bug crash regression broken error exception not working glitch",
            "how do i anyone know is there a way any idea need help?",
            "love thanks amazing great job kudos impressed",
            "terrible worst hate frustrating angry unacceptable useless disappointed failed data loss urgent critical");

        var result = _classifier.Classify(Post(everything));

        Assert.True(result.Reasoning.Length <= SignalClassification.MaxReasoningLength, $"{result.Reasoning.Length} characters");
        Assert.Equal(SignalCategory.Security, result.Category);
    }

    [Fact]
    public void Is_deterministic()
    {
        var post = Post("Anyone else seeing errors? The Acme app crashes on login #acme #bug", likes: 12, retweets: 3);

        var first = _classifier.Classify(post);
        var second = new HeuristicSignalClassifier().Classify(post);

        Assert.Equal(first with { Tags = Array.Empty<string>() }, second with { Tags = Array.Empty<string>() });
        Assert.Equal(first.Tags, second.Tags);
    }

    [Fact]
    public async Task Reports_itself_as_heuristic_and_as_fallback_only_when_asked()
    {
        var post = Post("Acme is down");

        var chosen = await _classifier.ClassifyAsync(post, CancellationToken.None);
        var standIn = await new HeuristicSignalClassifier(reportAsFallback: true).ClassifyAsync(post, CancellationToken.None);

        Assert.Equal("heuristic", chosen.ClassifiedBy);
        Assert.False(chosen.Fallback);
        Assert.True(standIn.Fallback);
    }
}
