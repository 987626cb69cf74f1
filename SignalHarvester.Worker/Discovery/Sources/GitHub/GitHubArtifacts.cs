using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.GitHub;

/// <summary>GitHub repositories and releases as artifacts.</summary>
internal static class GitHubArtifacts
{
    /// <summary>
    /// A repository is published when it was created (<c>created_at</c>): the artifact is the
    /// repository's appearance, not its latest push, so recency scoring favours new projects.
    /// Activity on older repositories surfaces as release artifacts instead.
    /// </summary>
    public static SourceArtifact? Repository(GitHubRepository repository, string rawJson)
    {
        if ((repository.CreatedAt ?? repository.PushedAt) is not { } publishedAt)
        {
            return null;
        }

        return new SourceArtifact(
            Source: SourceNames.GitHub,
            SourceId: repository.FullName,
            ArtifactType: ArtifactTypes.Repo,
            Title: repository.FullName,
            Text: SourceText.CleanOrNull(repository.Description),
            Url: repository.HtmlUrl,
            PublishedAt: publishedAt,
            Authors: Authors(repository.Owner),
            RawJson: rawJson);
    }

    /// <summary>A published (non-draft) release; published at <c>published_at</c>, or <c>created_at</c> when GitHub gives none.</summary>
    public static SourceArtifact? Release(string repositoryFullName, GitHubRelease release, string rawJson)
    {
        if (release.Draft || (release.PublishedAt ?? release.CreatedAt) is not { } publishedAt)
        {
            return null;
        }

        var name = SourceText.CleanOrNull(release.Name);
        var title = name is null || string.Equals(name, release.TagName, StringComparison.OrdinalIgnoreCase)
            ? $"{repositoryFullName} {release.TagName}"
            : $"{repositoryFullName} {release.TagName}: {name}";
        return new SourceArtifact(
            Source: SourceNames.GitHub,
            SourceId: $"{repositoryFullName}@{release.TagName}",
            ArtifactType: ArtifactTypes.Release,
            Title: title,
            Text: string.IsNullOrWhiteSpace(release.Body) ? null : release.Body.Trim(),
            Url: release.HtmlUrl,
            PublishedAt: publishedAt,
            Authors: Authors(release.Author),
            RawJson: rawJson);
    }

    private static IReadOnlyList<SourceAuthor> Authors(GitHubUser? user) =>
        user is null ? [] : [new SourceAuthor(user.Login, Handle: user.Login, Url: user.HtmlUrl)];
}
