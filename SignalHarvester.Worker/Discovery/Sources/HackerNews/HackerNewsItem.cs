using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.HackerNews;

/// <summary>An item of the Hacker News Firebase API (<c>/v0/item/{id}.json</c>), the fields the source reads.</summary>
internal sealed record HackerNewsItem(
    long Id,
    string? Type = null,
    string? By = null,
    long? Time = null,
    string? Title = null,
    string? Url = null,
    string? Text = null,
    int? Score = null,
    int? Descendants = null,
    bool Deleted = false,
    bool Dead = false)
{
    public const string SiteUrl = "https://news.ycombinator.com";

    /// <summary>A live story with a title and a time; jobs, polls, comments, dead and deleted items are not artifacts.</summary>
    public SourceArtifact? ToArtifact(string rawJson)
    {
        if (Deleted || Dead || Type != "story" || Time is not { } time || SourceText.CleanOrNull(Title) is not { } title)
        {
            return null;
        }

        var author = string.IsNullOrWhiteSpace(By) ? null : new SourceAuthor(By, Handle: By, Url: $"{SiteUrl}/user?id={Uri.EscapeDataString(By)}");
        return new SourceArtifact(
            Source: SourceNames.HackerNews,
            SourceId: Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ArtifactType: ArtifactTypes.Story,
            Title: title,
            Text: SourceText.FromHtml(Text),
            // Ask HN and text-only Show HN have no url: the discussion is the artifact.
            Url: string.IsNullOrWhiteSpace(Url) ? $"{SiteUrl}/item?id={Id}" : Url,
            PublishedAt: DateTimeOffset.FromUnixTimeSeconds(time),
            Authors: author is null ? [] : [author],
            RawJson: rawJson);
    }
}
