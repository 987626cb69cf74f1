using System.Text.Json;

namespace SignalHarvester.Worker.Discovery.Sources.GitHub;

// The fields of GitHub REST v3 payloads the source reads (snake_case on the wire); the full item is kept as raw JSON.

internal sealed record GitHubSearchResult(int TotalCount, bool IncompleteResults, IReadOnlyList<JsonElement> Items);

internal sealed record GitHubUser(string Login, string? HtmlUrl = null, string? Type = null);

internal sealed record GitHubRepository(
    string FullName,
    string HtmlUrl,
    GitHubUser? Owner = null,
    string? Description = null,
    int StargazersCount = 0,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? PushedAt = null);

internal sealed record GitHubRelease(
    string TagName,
    string HtmlUrl,
    string? Name = null,
    string? Body = null,
    bool Draft = false,
    bool Prerelease = false,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? PublishedAt = null,
    GitHubUser? Author = null);
